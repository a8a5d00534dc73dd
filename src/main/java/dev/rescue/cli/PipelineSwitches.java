package dev.rescue.cli;

import dev.rescue.pipeline.PipelineOptions;
import picocli.CommandLine.Option;

/**
 * The retrieval switches and the sampling of the final generation, for the commands that generate
 * (generate, eval). The others take only {@link RetrievalSwitches}: the proxy forwards each client's
 * own sampling, mcp, context, retrieve and bench generate nothing, and the LLM analysis (cause and
 * draft) samples at fixed temperatures of its own, so a --temperature there would be accepted and ignored.
 */
final class PipelineSwitches extends RetrievalSwitches {
  @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + PipelineOptions.DEFAULT_TEMPERATURE,
      description = "Sampling temperature of the final generation. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--top-p", paramLabel = "P",
      description = "Nucleus sampling of the final generation (default: the server's; eval: 0.95).")
  Double topP;

  @Override
  double temperature() {
    return temperature;
  }

  @Override
  Double topP() {
    return topP;
  }
}

package dev.rescue.cli;

import picocli.CommandLine.Option;

/**
 * The retrieval switches and the sampling of the final generation. serve and mcp take only
 * {@link RetrievalSwitches}: the proxy forwards each client's own sampling and mcp generates nothing,
 * so a --temperature there would be accepted and ignored.
 */
final class PipelineSwitches extends RetrievalSwitches {
  static final double DEFAULT_TEMPERATURE = 0.2;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + DEFAULT_TEMPERATURE,
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

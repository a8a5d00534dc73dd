package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "mcp", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class McpCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'mcp' is not implemented yet");
  }
}

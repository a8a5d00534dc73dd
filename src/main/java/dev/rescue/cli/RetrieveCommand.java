package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "retrieve", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class RetrieveCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'retrieve' is not implemented yet");
  }
}

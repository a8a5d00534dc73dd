package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "kb", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class KbCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'kb' is not implemented yet");
  }
}

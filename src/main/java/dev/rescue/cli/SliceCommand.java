package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "slice", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class SliceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'slice' is not implemented yet");
  }
}

package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "calibrate", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class CalibrateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'calibrate' is not implemented yet");
  }
}

package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "eval", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class EvalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'eval' is not implemented yet");
  }
}

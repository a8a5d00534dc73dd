package dev.rescue.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that delivers this command.
@Command(name = "serve", mixinStandardHelpOptions = true, header = "Not implemented yet.")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("'serve' is not implemented yet");
  }
}

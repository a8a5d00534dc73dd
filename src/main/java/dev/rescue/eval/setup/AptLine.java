package dev.rescue.eval.setup;

import java.util.Collection;

/** The one command that installs, as root, the Debian packages the machine lacks. */
public final class AptLine {
  private AptLine() {}

  public static String of(Collection<String> packages) {
    return packages.isEmpty() ? "" : "apt-get install -y " + String.join(" ", packages);
  }
}

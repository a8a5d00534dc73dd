package dev.rescue.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (set by Maven), or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = RescueCommand.class.getPackage().getImplementationVersion();
    return new String[] {"rescue " + (v == null ? "dev" : v)};
  }
}

package dev.rescue.eval;

import java.util.Locale;

/**
 * One thing a benchmark task needs from the machine: a tool, a security oracle, a Python module, a C
 * header, an npm package or a Go module, with the Debian package that brings it (null when Debian has
 * none: then {@code note} says where it comes from).
 */
public record Requirement(Kind kind, String name, String debianPackage, String note) {
  public enum Kind {
    TOOL, ORACLE, PYTHON_MODULE, C_HEADER, NPM_PACKAGE, GO_MODULE;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** What {@code unavailable()} and the doctor say when it is missing. */
  public String missingReason() {
    String what = switch (kind) {
      case TOOL -> name + " not installed";
      case ORACLE -> "security oracle " + name + " not installed";
      case PYTHON_MODULE -> "Python module '" + name + "' not importable";
      case C_HEADER -> "C header <" + name + "> not installed";
      case NPM_PACKAGE -> "npm package '" + name + "' not installed";
      case GO_MODULE -> "Go module '" + name + "' not installed";
    };
    String from = debianPackage != null ? "Debian " + debianPackage : null;
    if (note != null) from = from == null ? note : from + "; " + note;
    return from == null ? what : what + " (" + from + ")";
  }
}

package dev.rescue.kb.curated;

import dev.rescue.model.Language;
import java.nio.file.Path;

/**
 * One side of one example, written to disk for an external tool. {@code path}'s file name encodes
 * where it came from ({@code cwe-089__py__0__secure.py}) so tool output maps back to the example.
 */
record ExampleFile(String curatedFile, String cwe, Language language, int index, Variant variant, Path path) {

  enum Variant { VULNERABLE, SECURE }

  String label() {
    return curatedFile + " example " + index + " (" + language.id() + ", " + variant.name().toLowerCase() + ")";
  }
}

package dev.rescue.kb.curated;

import java.util.Optional;

/**
 * One authoring file as loaded: its entry, or the reason it could not be read. A file that does not
 * load fails its own test and never hides the results of the other files.
 */
record CuratedFile(String fileName, CuratedEntry entry, String loadError) {

  static CuratedFile loaded(String fileName, CuratedEntry entry) {
    return new CuratedFile(fileName, entry, null);
  }

  static CuratedFile broken(String fileName, String loadError) {
    return new CuratedFile(fileName, null, loadError);
  }

  Optional<CuratedEntry> maybeEntry() {
    return Optional.ofNullable(entry);
  }

  /** {@code cwe-079.yaml} gives {@code cwe-079}: the stem used in the names of written example files. */
  String stem() {
    return fileName.replaceFirst("\\.yaml$", "");
  }
}

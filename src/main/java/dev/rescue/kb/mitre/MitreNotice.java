package dev.rescue.kb.mitre;

/**
 * MITRE's copyright designation and licence, which the CWE Terms of Use require with any copy of CWE
 * content: kept in the header of the generated layer file and in the provenance of every KB entry
 * derived from it.
 */
public final class MitreNotice {
  public static final String TERMS_URL = "https://cwe.mitre.org/about/termsofuse.html";

  /** The notice, one sentence a line. */
  public static final String TEXT = String.join("\n",
      "CWE content Copyright (c) 2006-2024, The MITRE Corporation. CWE and the CWE logo are trademarks of The MITRE Corporation.",
      "Used under the CWE Terms of Use (" + TERMS_URL + "): MITRE grants a non-exclusive, royalty-free license to use CWE",
      "for research, development and commercial purposes; any copy is authorized provided that MITRE's copyright designation",
      "and this license are reproduced in it. CWE is provided \"as is\", without warranty of any kind.");

  private MitreNotice() {}

  /** The notice on one line, as it goes into an entry's provenance. */
  public static String oneLine(String catalog) {
    return "Derived from MITRE's " + catalog + ". " + TEXT.replace('\n', ' ');
  }
}

package dev.rescue.check;

/**
 * What the knowledge base says about a finding's CWE, cut to the checked code's language.
 *
 * @param secureExample a secure example in the code's language, or empty when the KB has none
 */
public record Guidance(String guideline, String secureExample) {
  public static Guidance none() {
    return new Guidance("", "");
  }

  public boolean isEmpty() {
    return guideline.isBlank() && secureExample.isBlank();
  }
}

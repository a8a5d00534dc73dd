package dev.rescue.kb.distill;

/**
 * The longest distilled texts, in words, whichever distiller writes them (rules or LLM; the prompts
 * in {@code prompts/distill} ask for the same). The paper's guideline is a short paragraph and the
 * cause a couple of sentences: longer ones cost context tokens the examples need.
 */
public final class WordLimits {
  public static final int GUIDELINE = 120;
  public static final int CAUSE = 80;

  private WordLimits() {}
}

package dev.rescue.check;

import dev.rescue.model.Language;

/** One source of findings that {@link StandardChecker} may run: the KB's rules or an analyser. */
public interface CheckTool extends CodeChecker {
  String name();

  boolean supports(Language language);

  /** Whether it can run here (an analyser's command is installed). */
  boolean available();

  /** Whether being missing is normal here (CodeQL), so that it is no failure unless asked for. */
  boolean optional();

  /**
   * Whether its findings judge a call by its name alone (flawfinder): then {@link CallContext} weighs
   * them by the call's arguments, as it does the KB's risky-API findings.
   */
  default boolean judgesCallsByName() {
    return false;
  }
}

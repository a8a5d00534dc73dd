package dev.rescue.analysis.signals;

import java.util.List;

/**
 * What {@link CodeSignals} found in a task's code: the security signals it carries ({@code import:pickle},
 * {@code call:strcpy}, {@code text:sql-string}, {@code word:password}), in the order of the signal file.
 *
 * @param read true when there was code in a language the signals know, so that an empty list is evidence
 *     (ordinary code) and not merely the absence of code
 */
public record CodeEvidence(boolean read, List<String> signals) {
  /** No code, or code in a language without signals: no evidence either way. */
  public static final CodeEvidence NONE = new CodeEvidence(false, List.of());

  public CodeEvidence {
    signals = List.copyOf(signals);
  }

  /** Code was read and carries no security signal: evidence that the task is an ordinary one. */
  public boolean quiet() {
    return read && signals.isEmpty();
  }
}

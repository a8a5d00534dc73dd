package dev.rescue.kb.safecoder;

import dev.rescue.model.VulnFixPair;
import java.util.Objects;

/** What one input line of a SafeCoder/SVEN file gave: a pair, or an error naming the line. */
public sealed interface PairResult permits PairResult.Parsed, PairResult.Failed {
  /** {@code <file name>:<line number>}, see {@link SafeCoderReader}. */
  String id();

  /** A line that held a valid pair. */
  record Parsed(VulnFixPair pair) implements PairResult {
    public Parsed {
      Objects.requireNonNull(pair, "pair");
    }

    @Override
    public String id() {
      return pair.id();
    }
  }

  /** A line that did not: {@code error} says what is wrong with it. */
  record Failed(String id, String error) implements PairResult {
    public Failed {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(error, "error");
    }
  }
}

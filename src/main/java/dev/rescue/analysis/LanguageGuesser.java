package dev.rescue.analysis;

import static dev.rescue.model.Language.C;
import static dev.rescue.model.Language.CPP;
import static dev.rescue.model.Language.GO;
import static dev.rescue.model.Language.JAVA;
import static dev.rescue.model.Language.JAVASCRIPT;
import static dev.rescue.model.Language.PYTHON;

import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Guesses the language of a code snippet that came without one (a task's {@code code} field), among
 * Python, C, C++, Java, JavaScript and Go.
 *
 * <p>Two steps. First cheap lexical cues, each worth some points ({@code #include} for C and C++,
 * {@code std::} for C++, {@code def ...:} for Python, {@code :=} and {@code package} for Go...).
 * When one language leads by {@link #CLEAR_LEAD} points or more, it wins. Otherwise every language
 * within that lead of the best (all six when no cue fires) is parsed, and the grammar that leaves
 * the fewest bytes in error wins; ties go to the higher cue score, then to the simpler language
 * (C before C++, the order of {@link #CANDIDATES}). Text with no cue that no grammar parses cleanly
 * (prose) gives no guess. Only the first {@link #MAX_PARSED_CHARS} characters are parsed.
 */
public final class LanguageGuesser {
  /** Lead in cue points that decides without parsing. */
  static final int CLEAR_LEAD = 4;
  /** Prefix of the text that is parsed when cues are not decisive. */
  static final int MAX_PARSED_CHARS = 20_000;

  private static final List<Language> CANDIDATES = List.of(PYTHON, C, CPP, JAVA, JAVASCRIPT, GO);

  private record Cue(Language language, Pattern pattern, int points) {}

  private static final List<Cue> CUES = List.of(
      cue(PYTHON, "(?m)^\\s*def\\s+\\w+\\s*\\(.*\\)\\s*(->.*)?:\\s*(#.*)?$", 4),
      cue(PYTHON, "(?m)^\\s*(from\\s+[\\w.]+\\s+import\\s|import\\s+[\\w.]+(\\s+as\\s+\\w+)?\\s*$)", 3),
      cue(PYTHON, "(?m)^\\s*(if|elif|while|for|with|try|else|except)\\b[^;{]*:\\s*(#.*)?$", 2),
      cue(PYTHON, "\\bself\\.\\w", 2),
      cue(PYTHON, "\\b(None|True|False|elif|lambda)\\b", 1),
      cue(C, "(?m)^\\s*#\\s*include\\s*[<\"][\\w/]+\\.h[>\"]", 3),
      cue(C, "\\b(malloc|free|printf|sprintf|snprintf|strcpy|strncpy|memcpy|strlen|fopen)\\s*\\(", 2),
      cue(C, "\\b(NULL|sizeof|struct|unsigned|size_t)\\b", 1),
      cue(C, "->", 1),
      cue(CPP, "\\bstd::", 4),
      cue(CPP, "(?m)^\\s*#\\s*include\\s*<(iostream|string|vector|map|memory|algorithm|fstream|sstream)>", 4),
      cue(CPP, "\\b(nullptr|namespace|template\\s*<|public:|private:|cout|cin|endl)\\b", 3),
      cue(CPP, "(?m)^\\s*#\\s*include\\s*[<\"][\\w/]+\\.h[>\"]", 1),
      cue(CPP, "\\b\\w+::\\w+", 1),
      cue(JAVA, "\\b(public|private|protected)\\s+(static\\s+)?(final\\s+)?(class|void|String|int|boolean)\\b", 3),
      cue(JAVA, "(?m)^\\s*import\\s+(java|javax|org|com)\\.[\\w.*]+;", 4),
      cue(JAVA, "\\b(System\\.out|String\\[\\]|@Override|throws\\s+\\w+)", 3),
      cue(JAVASCRIPT, "\\b(const|let|var)\\s+\\w+\\s*=\\s*require\\s*\\(", 4),
      cue(JAVASCRIPT, "\\b(console\\.log|module\\.exports|document\\.|=>|===|!==)", 2),
      cue(JAVASCRIPT, "\\bfunction\\s*\\w*\\s*\\(", 2),
      cue(JAVASCRIPT, "\\b(const|let|var)\\s+\\w+\\s*=", 1),
      cue(GO, "(?m)^\\s*package\\s+\\w+\\s*$", 4),
      cue(GO, "(?m)^\\s*func\\s+(\\(\\w+\\s+\\*?\\w+\\)\\s*)?\\w+\\s*\\(", 4),
      cue(GO, ":=|\\berr\\s*!=\\s*nil\\b|\\bfmt\\.\\w+\\(", 2),
      cue(GO, "\\b(chan|defer|go\\s+func)\\b", 1));

  private LanguageGuesser() {}

  private static Cue cue(Language l, String regex, int points) {
    return new Cue(l, Pattern.compile(regex), points);
  }

  /** The most likely language of {@code code}; empty for blank text or text that is not code. */
  public static Optional<Language> guess(String code) {
    if (code == null || code.isBlank()) return Optional.empty();
    String text = code.length() > MAX_PARSED_CHARS ? code.substring(0, MAX_PARSED_CHARS) : code;
    Map<Language, Integer> score = cueScores(text);
    int best = score.values().stream().max(Integer::compare).orElse(0);
    List<Language> close = new ArrayList<>();
    for (Language l : CANDIDATES) {
      if (score.get(l) > best - CLEAR_LEAD) close.add(l);
    }
    if (close.size() == 1) return Optional.of(close.get(0));
    Language winner = null;
    long winnerErrors = Long.MAX_VALUE;
    for (Language l : close) {
      long errors = errorBytes(text, l);
      boolean better = errors < winnerErrors
          || (errors == winnerErrors && score.get(l) > score.get(winner));
      if (better) {
        winner = l;
        winnerErrors = errors;
      }
    }
    if (best == 0 && winnerErrors > 0) return Optional.empty();
    return Optional.ofNullable(winner);
  }

  /** The cue points of each candidate language (zero when no cue fires). */
  static Map<Language, Integer> cueScores(String text) {
    Map<Language, Integer> score = new EnumMap<>(Language.class);
    for (Language l : CANDIDATES) score.put(l, 0);
    for (Cue c : CUES) {
      if (c.pattern().matcher(text).find()) score.merge(c.language(), c.points(), Integer::sum);
    }
    return score;
  }

  /** Bytes covered by ERROR nodes plus a penalty per MISSING node, when parsed as {@code l}. */
  static long errorBytes(String text, Language l) {
    Optional<TreeSitterGrammar> grammar = TreeSitterGrammar.of(l);
    if (grammar.isEmpty()) return Long.MAX_VALUE;
    String input = l == PYTHON ? dedentFirstLine(text) : text;
    try (TreeSitterSource src = TreeSitterParsers.parse(grammar.get(), input)) {
      if (!src.hasErrors()) return 0;
      long[] total = {0};
      TreeSitterNodes.walk(src.root(), (TSNode n) -> {
        if (n.isError()) {
          total[0] += Math.max(1, n.getEndByte() - n.getStartByte());
          return false;
        }
        if (n.isMissing()) {
          total[0] += 2;
          return false;
        }
        return n.hasError();
      });
      return Math.max(1, total[0]);
    }
  }

  /** Python methods arrive indented; strip the first line's indentation as the front-end does. */
  private static String dedentFirstLine(String text) {
    String trimmed = text.stripLeading();
    int lead = text.length() - trimmed.length();
    String indent = text.substring(text.lastIndexOf('\n', Math.max(0, lead - 1)) + 1, lead);
    if (indent.isEmpty()) return text;
    return text.replace("\n" + indent, "\n").stripLeading();
  }
}

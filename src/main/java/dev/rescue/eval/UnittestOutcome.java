package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome line of {@code bigcodebench_harness.py}: {@code MARK NONCE {json}}, where the json has
 * {@code status} (pass, fail, timeout or error), {@code tests} run, {@code issue_count}, the first
 * {@code issues} (test, failure or error, trace tail) and a {@code message}.
 */
record UnittestOutcome(String status, int tests, int issueCount, List<Issue> issues, String message) {
  record Issue(String test, String kind, String trace) {}

  UnittestOutcome {
    issues = List.copyOf(issues);
  }

  /** The line that starts with {@code prefix} (the mark and this run's nonce), parsed; empty if none is. */
  static Optional<UnittestOutcome> find(String stdout, String prefix) {
    for (String line : stdout.split("\n")) {
      if (!line.startsWith(prefix)) continue;
      try {
        JsonNode j = JsonlRows.JSON.readTree(line.substring(prefix.length()));
        List<Issue> issues = new ArrayList<>();
        for (JsonNode i : j.path("issues")) {
          issues.add(new Issue(i.path("test").asText(), i.path("kind").asText(), i.path("trace").asText()));
        }
        return Optional.of(new UnittestOutcome(j.path("status").asText(), j.path("tests").asInt(),
            j.path("issue_count").asInt(issues.size()), issues, j.path("message").asText("")));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** bigcodebench's rule: the module ran, the suite finished in time, and no test failed or erred. */
  boolean passed() {
    return "pass".equals(status) && issueCount == 0;
  }

  /** Why it did not pass, in a line: the first failing test and the last line of its trace. */
  String reason() {
    return switch (status) {
      case "timeout" -> message;
      case "error" -> "the program and tests could not run as a module: " + lastWords(message);
      case "fail" -> {
        Issue first = issues.isEmpty() ? null : issues.get(0);
        String more = issueCount > 1 ? " (" + issueCount + " of " + tests + " tests failed)" : "";
        yield first == null ? "tests failed" + more
            : first.test() + " " + first.kind() + ": " + lastWords(first.trace()) + more;
      }
      default -> "unexpected outcome '" + status + "'";
    };
  }

  /**
   * The last line of a trace that says something: NLTK, for one, ends its LookupError with a rule of
   * asterisks below the message.
   */
  static String lastWords(String trace) {
    String[] lines = trace.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].chars().anyMatch(Character::isLetterOrDigit)) return SandboxRun.lastLine(lines[i]);
    }
    return SandboxRun.lastLine(trace);
  }
}

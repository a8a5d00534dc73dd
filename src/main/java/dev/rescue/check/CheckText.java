package dev.rescue.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code rescue check} for people, and of MCP {@code check_code} for agents: per unit,
 * one line per finding ({@code file:line:column: SEVERITY CWE [tools] message}), then the KB's
 * guideline and secure example once per CWE, then the tools that failed.
 */
public final class CheckText {
  private CheckText() {}

  public static String report(List<CheckResult> results, List<InputError> errors, Severity failOn) {
    StringBuilder out = new StringBuilder();
    int failing = 0;
    for (CheckResult r : results) {
      out.append(result(r, failOn));
      failing += r.atLeast(failOn).size();
    }
    for (InputError e : errors) out.append(e.file()).append(": error: ").append(e.reason()).append('\n');
    out.append(results.size() + errors.size()).append(results.size() + errors.size() == 1 ? " file, " : " files, ")
        .append(failing).append(failing == 1 ? " finding" : " findings").append(" at or above ")
        .append(failOn.name().toLowerCase(Locale.ROOT));
    if (!errors.isEmpty()) out.append(", ").append(errors.size()).append(errors.size() == 1 ? " input error" : " input errors");
    out.append('\n');
    return out.toString();
  }

  public static String result(CheckResult r, Severity failOn) {
    StringBuilder out = new StringBuilder();
    String file = r.unit().file();
    if (r.findings().isEmpty()) {
      out.append(file).append(": no findings (").append(r.unit().language().displayName()).append(", checked by ")
          .append(r.tools().isEmpty() ? "no tool" : String.join(", ", r.tools())).append(")\n");
    }
    Map<String, Guidance> guidance = new LinkedHashMap<>();
    for (Finding f : r.findings()) {
      out.append(f.location().file()).append(':').append(f.location().line()).append(':').append(f.location().column())
          .append(": ").append(f.severity()).append(' ').append(f.cwe()).append(" [").append(String.join(", ", f.tools()))
          .append("] ").append(f.message()).append('\n');
      if (!f.guidance().isEmpty()) guidance.putIfAbsent(f.cwe(), f.guidance());
    }
    for (Map.Entry<String, Guidance> g : guidance.entrySet()) {
      out.append('\n').append(g.getKey()).append(" guideline: ").append(g.getValue().guideline().strip()).append('\n');
      if (!g.getValue().secureExample().isBlank()) {
        out.append(g.getKey()).append(" secure example (").append(r.unit().language().displayName()).append("):\n");
        for (String line : g.getValue().secureExample().strip().split("\n", -1)) out.append("    ").append(line).append('\n');
      }
    }
    if (!guidance.isEmpty()) out.append('\n');
    for (ToolFailure f : r.failures()) {
      out.append(file).append(": warning: ").append(f.reason()).append(" (partial result)\n");
    }
    if (!r.findings().isEmpty()) {
      int at = r.atLeast(failOn).size();
      out.append(file).append(": ").append(r.findings().size()).append(r.findings().size() == 1 ? " finding" : " findings")
          .append(" (").append(at).append(" at or above ").append(failOn.name().toLowerCase(Locale.ROOT))
          .append("), checked by ").append(String.join(", ", r.tools())).append('\n');
    }
    return out.toString();
  }
}

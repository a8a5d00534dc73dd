package dev.rescue.eval.setup;

import dev.rescue.eval.Requirement;
import dev.rescue.eval.setup.DoctorReport.BenchmarkStatus;
import dev.rescue.eval.setup.DoctorReport.LanguageStatus;
import dev.rescue.eval.setup.DoctorReport.NeedStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The doctor's report for people: one line per tool, then per benchmark and language. */
public final class DoctorText {
  private DoctorText() {}

  public static String render(DoctorReport r) {
    StringBuilder out = new StringBuilder();
    out.append("Machine\n");
    for (NeedStatus n : r.machine()) {
      Requirement q = n.requirement();
      out.append(String.format(Locale.ROOT, "  %-8s %-16s %-13s %s%n", n.found() ? "found" : "MISSING", q.name(),
          q.kind().label(), n.found() ? nullToEmpty(n.version()) : from(q)));
    }
    if (r.sandbox() != null) {
      out.append(String.format(Locale.ROOT, "Sandbox: network isolated %s, user dropped %s, rlimits %s%n",
          yes(r.sandbox().get("network_isolated")), yes(r.sandbox().get("user_dropped")), yes(r.sandbox().get("rlimits"))));
    }
    out.append("npm packages: ").append(r.nodePath() == null ? "none" : r.nodePath());
    if (r.nodePathNote() != null) out.append(" (").append(r.nodePathNote()).append(')');
    out.append('\n');
    for (BenchmarkStatus b : r.benchmarks()) {
      out.append('\n').append(b.kind());
      if (!b.status().equals("ok")) {
        out.append(": ").append(b.status()).append(" — ").append(b.note()).append('\n');
        continue;
      }
      out.append(String.format(Locale.ROOT, " %s: %d tasks, %d runnable, %d skipped%n", b.dir(), b.tasks(),
          b.tasks() - b.skipped(), b.skipped()));
      for (String p : b.problems()) out.append("  problem: ").append(p).append('\n');
      for (LanguageStatus l : b.languages()) {
        out.append(String.format(Locale.ROOT, "  %-4s %d tasks, %d runnable%s%n", l.language().id(), l.tasks(), l.runnable(),
            l.tasks() == l.runnable() ? "" : ", " + (l.tasks() - l.runnable()) + " skipped"));
        for (Map.Entry<String, Integer> e : l.skipped().entrySet()) {
          out.append(String.format(Locale.ROOT, "       skipped %d: %s%n", e.getValue(), e.getKey()));
        }
        List<NeedStatus> found = l.needs().stream().filter(NeedStatus::found).toList();
        List<NeedStatus> missing = l.needs().stream().filter(n -> !n.found()).toList();
        if (!found.isEmpty()) out.append("       found: ").append(names(found)).append('\n');
        for (NeedStatus n : missing) {
          // skip reasons already name the missing npm packages one by one
          if (n.requirement().kind() == Requirement.Kind.NPM_PACKAGE) continue;
          out.append("       MISSING: ").append(n.requirement().missingReason()).append('\n');
        }
        String npm = missing.stream().filter(n -> n.requirement().kind() == Requirement.Kind.NPM_PACKAGE)
            .map(n -> n.requirement().name()).collect(Collectors.joining(", "));
        if (!npm.isEmpty()) out.append("       MISSING npm packages: ").append(npm).append('\n');
      }
    }
    List<String> apt = r.missingDebianPackages();
    out.append('\n');
    out.append(apt.isEmpty() ? "Nothing to install with apt.\n"
        : "To install what needs root:\n  " + AptLine.of(apt) + "\n");
    if (!r.missingNpmPackages().isEmpty()) {
      out.append("npm packages missing (rescue eval setup installs them): ")
          .append(String.join(", ", r.missingNpmPackages())).append('\n');
    }
    for (Requirement q : r.missingWithoutPackage()) out.append("Not from apt: ").append(q.missingReason()).append('\n');
    out.append(String.format(Locale.ROOT, "%d tasks, %d will be skipped%n", r.tasks(), r.skipped()));
    return out.toString();
  }

  private static String names(List<NeedStatus> needs) {
    return needs.stream().map(n -> {
      Requirement q = n.requirement();
      String kind = switch (q.kind()) {
        case TOOL -> "";
        case ORACLE -> " (oracle)";
        case PYTHON_MODULE -> " (py)";
        case C_HEADER -> " (header)";
        case NPM_PACKAGE -> " (npm)";
        // the substitutes (jwt/v5 served by Debian's v4) are worth a word even when found
        case GO_MODULE -> q.note() == null ? " (go)" : " (go: " + q.note() + ")";
      };
      return q.name() + kind;
    }).collect(Collectors.joining(", "));
  }

  private static String from(Requirement q) {
    if (q.debianPackage() != null) return "Debian " + q.debianPackage() + (q.note() == null ? "" : "; " + q.note());
    return nullToEmpty(q.note());
  }

  private static String yes(Object o) {
    return Boolean.TRUE.equals(o) ? "yes" : "no";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

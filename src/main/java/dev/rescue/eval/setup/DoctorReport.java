package dev.rescue.eval.setup;

import dev.rescue.eval.Requirement;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code rescue eval doctor} found: the machine's tools, the npm packages folder, and per
 * benchmark and language the needs met or missing and the tasks that will be skipped, with why.
 */
public record DoctorReport(List<NeedStatus> machine, Map<String, Object> sandbox, String nodePath, String nodePathNote,
    List<BenchmarkStatus> benchmarks) {

  /** A requirement and whether this machine meets it; {@code version} for tools that say one. */
  public record NeedStatus(Requirement requirement, boolean found, String version) {}

  /**
   * @param status "ok", "no data" or "not supported" (the build has no adapter for the kind)
   * @param skipped tasks whose {@code unavailable()} gave a reason
   */
  public record BenchmarkStatus(String kind, String dir, String status, String note, int tasks, int skipped,
      List<String> problems, List<LanguageStatus> languages) {}

  /** @param skipped how many tasks each reason skips */
  public record LanguageStatus(Language language, int tasks, int runnable, Map<String, Integer> skipped,
      List<NeedStatus> needs) {}

  /** Every need checked, machine-wide first, without repeats. */
  public List<NeedStatus> allNeeds() {
    List<NeedStatus> out = new ArrayList<>(machine);
    for (BenchmarkStatus b : benchmarks) for (LanguageStatus l : b.languages()) out.addAll(l.needs());
    return out;
  }

  /** The Debian packages that would bring the missing needs, in the order they were found. */
  public List<String> missingDebianPackages() {
    Set<String> out = new LinkedHashSet<>();
    for (NeedStatus n : allNeeds()) {
      if (!n.found() && n.requirement().debianPackage() != null) out.add(n.requirement().debianPackage());
    }
    return List.copyOf(out);
  }

  /** Missing needs no Debian package brings (codeql, modules Debian lacks), npm packages aside. */
  public List<Requirement> missingWithoutPackage() {
    Set<Requirement> out = new LinkedHashSet<>();
    for (NeedStatus n : allNeeds()) {
      Requirement r = n.requirement();
      if (!n.found() && r.debianPackage() == null && r.kind() != Requirement.Kind.NPM_PACKAGE) out.add(r);
    }
    return List.copyOf(out);
  }

  /** Missing npm packages: {@code rescue eval setup} installs those it ships. */
  public List<String> missingNpmPackages() {
    Set<String> out = new java.util.TreeSet<>();
    for (NeedStatus n : allNeeds()) {
      if (!n.found() && n.requirement().kind() == Requirement.Kind.NPM_PACKAGE) out.add(n.requirement().name());
    }
    return List.copyOf(out);
  }

  public int tasks() {
    return benchmarks.stream().mapToInt(BenchmarkStatus::tasks).sum();
  }

  public int skipped() {
    return benchmarks.stream().mapToInt(BenchmarkStatus::skipped).sum();
  }
}

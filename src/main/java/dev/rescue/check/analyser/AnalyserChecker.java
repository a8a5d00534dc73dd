package dev.rescue.check.analyser;

import dev.rescue.check.CheckResult;
import dev.rescue.check.CheckTool;
import dev.rescue.check.Finding;
import dev.rescue.check.Location;
import dev.rescue.check.SourceUnit;
import dev.rescue.check.ToolFailure;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An analyser as a source of {@code rescue check}: the unit's code goes to a scratch folder of its
 * own (analysers read files; CodeQL reads the whole folder), and each CWE of each finding becomes a
 * {@link Finding}. Findings the analyser maps to no CWE are left out: a finding here is a weakness
 * the KB can answer.
 */
public final class AnalyserChecker implements CheckTool {
  private final Analyser analyser;
  private final Duration timeout;

  public AnalyserChecker(Analyser analyser, Duration timeout) {
    this.analyser = analyser;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return analyser.name();
  }

  @Override
  public boolean supports(Language language) {
    return analyser.supports(language);
  }

  @Override
  public boolean available() {
    return analyser.available();
  }

  @Override
  public boolean optional() {
    return analyser.optional();
  }

  @Override
  public boolean judgesCallsByName() {
    return analyser.judgesCallsByName();
  }

  @Override
  public CheckResult check(SourceUnit unit) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("rescue-check-");
      Path program = dir.resolve(fileName(unit));
      Files.writeString(program, unit.code(), StandardCharsets.UTF_8);
      List<Finding> out = new ArrayList<>();
      for (AnalyserFinding f : analyser.analyse(program, unit.language(), timeout)) {
        Location where = new Location(unit.file(), Math.max(1, f.line()), Math.max(1, f.column()));
        for (String cwe : f.cwes()) {
          out.add(new Finding(cwe, where, analyser.name(), f.rule(), f.severity(), f.confidence(), f.message(), null));
        }
      }
      return new CheckResult(unit, out, List.of(), List.of(analyser.name()));
    } catch (AnalyserException e) {
      return new CheckResult(unit, List.of(), List.of(new ToolFailure(analyser.name(), e.getMessage())));
    } catch (IOException e) {
      return new CheckResult(unit, List.of(),
          List.of(new ToolFailure(analyser.name(), "cannot write the code for " + analyser.name() + ": " + e.getMessage())));
    } finally {
      deleteTree(dir);
    }
  }

  /** The unit's own file name when it has the language's extension (analysers go by it), else {@code code.EXT}. */
  static String fileName(SourceUnit unit) {
    String base = unit.file().substring(Math.max(unit.file().lastIndexOf('/'), unit.file().lastIndexOf('\\')) + 1);
    boolean fits = !base.isEmpty() && !base.equals("-") && unit.language().extensions().stream().anyMatch(base::endsWith)
        && base.matches("[A-Za-z0-9._+-]+");
    return fits ? base : "code" + unit.language().extensions().get(0);
  }

  private static void deleteTree(Path dir) {
    if (dir == null) return;
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // scratch left in the temp folder
        }
      });
    } catch (IOException ignored) {
      // scratch left in the temp folder
    }
  }
}

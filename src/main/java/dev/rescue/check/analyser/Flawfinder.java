package dev.rescue.check.analyser;

import dev.rescue.check.Severity;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flawfinder (C/C++). Its CSV report has a CWEs column such as "CWE-120, CWE-20" or "CWE-362/CWE-367!",
 * and a risk level from 0 to 5: 4 and 5 are HIGH, 3 MEDIUM, below LOW (level 2 is mostly "statically-sized
 * array", on nearly every C file: a hint, not a finding that fails a check).
 */
public final class Flawfinder implements Analyser {
  private static final Pattern CWE = Pattern.compile("CWE-(\\d+)");

  @Override
  public String name() {
    return "flawfinder";
  }

  @Override
  public boolean supports(Language language) {
    return language == Language.C || language == Language.CPP;
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("flawfinder");
  }

  /** Flawfinder matches function names against its list, without data flow (its own documentation says so). */
  @Override
  public boolean judgesCallsByName() {
    return true;
  }

  @Override
  public List<AnalyserFinding> analyse(Path program, Language language, Duration timeout) {
    ToolRunner.Output out = ToolRunner.run(List.of("flawfinder", "--csv", "--quiet", "--dataonly",
        program.getFileName().toString()), program.getParent(), timeout);
    if (out.exit() != 0 && out.stdout().isBlank()) {
      throw new AnalyserException("flawfinder failed (exit " + out.exit() + "): " + ToolRunner.tail(out.stderr()));
    }
    return parse(out.stdout());
  }

  public static List<AnalyserFinding> parse(String csv) {
    List<List<String>> rows = Csv.parse(csv);
    if (rows.isEmpty()) return List.of();
    List<String> header = rows.get(0);
    int line = header.indexOf("Line");
    int column = header.indexOf("Column");
    int level = header.indexOf("Level");
    int name = header.indexOf("Name");
    int warning = header.indexOf("Warning");
    int cwes = header.indexOf("CWEs");
    if (line < 0 || name < 0 || cwes < 0) throw new AnalyserException("flawfinder CSV without Line/Name/CWEs columns");
    List<AnalyserFinding> findings = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() <= cwes) continue;
      List<String> ids = new ArrayList<>();
      Matcher m = CWE.matcher(row.get(cwes));
      while (m.find()) ids.add("CWE-" + m.group(1));
      int risk = level >= 0 ? parseInt(row.get(level)) : 2;
      findings.add(new AnalyserFinding("flawfinder", row.get(name), ids, parseInt(row.get(line)),
          column >= 0 ? parseInt(row.get(column)) : 0, risk >= 4 ? Severity.HIGH : risk >= 3 ? Severity.MEDIUM : Severity.LOW,
          Math.min(1, risk / 5.0), warning >= 0 ? row.get(warning) : ""));
    }
    return findings;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** RFC 4180 CSV, enough for flawfinder's quoted fields with embedded commas and quotes. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else if (c != '\r') {
          field.append(c);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
      return rows;
    }
  }
}

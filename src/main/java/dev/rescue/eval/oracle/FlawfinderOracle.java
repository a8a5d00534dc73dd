package dev.rescue.eval.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Flawfinder (C/C++). Its CSV report has a CWEs column such as "CWE-120, CWE-20" or "CWE-362/CWE-367!". */
public final class FlawfinderOracle implements SecurityOracle {
  private static final Pattern CWE = Pattern.compile("CWE-(\\d+)");

  @Override
  public String name() {
    return "flawfinder";
  }

  @Override
  public boolean supports(String language) {
    return "c".equals(language) || "cpp".equals(language);
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("flawfinder");
  }

  @Override
  public List<Finding> analyse(Path program, String language, CodeqlQuery query) {
    ToolRunner.Output out = ToolRunner.run(List.of("flawfinder", "--csv", "--quiet", "--dataonly",
        program.getFileName().toString()), program.getParent(), 120);
    if (out.exit() != 0 && out.stdout().isBlank()) {
      throw new OracleException("flawfinder failed (exit " + out.exit() + "): " + BanditOracle.tail(out.stderr()));
    }
    return parse(out.stdout());
  }

  static List<Finding> parse(String csv) {
    List<List<String>> rows = Csv.parse(csv);
    if (rows.isEmpty()) return List.of();
    List<String> header = rows.get(0);
    int line = header.indexOf("Line");
    int name = header.indexOf("Name");
    int warning = header.indexOf("Warning");
    int cwes = header.indexOf("CWEs");
    if (line < 0 || name < 0 || cwes < 0) throw new OracleException("flawfinder CSV without Line/Name/CWEs columns");
    List<Finding> findings = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() <= cwes) continue;
      List<String> ids = new ArrayList<>();
      Matcher m = CWE.matcher(row.get(cwes));
      while (m.find()) ids.add("CWE-" + m.group(1));
      int ln;
      try {
        ln = Integer.parseInt(row.get(line));
      } catch (NumberFormatException e) {
        ln = 0;
      }
      findings.add(new Finding("flawfinder", row.get(name), ids, ln, warning >= 0 ? row.get(warning) : ""));
    }
    return findings;
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

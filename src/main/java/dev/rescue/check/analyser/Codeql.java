package dev.rescue.check.analyser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.check.Severity;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeQL, when {@code codeql} is on the PATH (no Debian or npm package ships it, so it is optional):
 * builds a database of the program's folder and runs a query, by default the language's standard
 * query pack; CWE ids come from the rules' {@code external/cwe/cwe-NNN} tags.
 */
public final class Codeql implements Analyser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CWE_TAG = Pattern.compile("external/cwe/cwe-(\\d+)");

  @Override
  public String name() {
    return "codeql";
  }

  @Override
  public boolean supports(Language language) {
    return codeqlLanguage(language) != null;
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("codeql");
  }

  @Override
  public boolean optional() {
    return true;
  }

  @Override
  public List<AnalyserFinding> analyse(Path program, Language language, Duration timeout) {
    return analyse(program, language, "codeql/" + codeqlLanguage(language) + "-queries", timeout);
  }

  /**
   * @param query what {@code codeql database analyze} takes: a pack, a suite or a query file
   */
  public List<AnalyserFinding> analyse(Path program, Language language, String query, Duration timeout) {
    String lang = codeqlLanguage(language);
    if (lang == null) throw new AnalyserException("codeql does not analyse " + language.displayName());
    // CodeQL extracts every source file under --source-root: the caller gives the program a folder of its own
    Path dir = program.getParent();
    Path db = dir.resolve("codeql-db");
    List<String> create = new ArrayList<>(List.of("codeql", "database", "create", db.toString(),
        "--language=" + lang, "--source-root=" + dir, "--overwrite"));
    if (lang.equals("cpp")) {
      create.add("--command=" + (language == Language.C ? "gcc -c " : "g++ -c ") + program.getFileName());
    }
    ToolRunner.Output c = ToolRunner.run(create, dir, timeout);
    if (c.exit() != 0) throw new AnalyserException("codeql database create failed: " + ToolRunner.tail(c.stderr()));
    Path sarif = dir.resolve("codeql.sarif");
    ToolRunner.Output a = ToolRunner.run(List.of("codeql", "database", "analyze", db.toString(), query,
        "--format=sarif-latest", "--output=" + sarif), dir, timeout);
    if (a.exit() != 0) {
      throw new AnalyserException("codeql database analyze with " + query + " failed: " + ToolRunner.tail(a.stderr()));
    }
    try {
      return parseSarif(Files.readString(sarif));
    } catch (IOException e) {
      throw new AnalyserException("codeql SARIF unreadable: " + e.getMessage());
    }
  }

  static String codeqlLanguage(Language language) {
    return switch (language) {
      case PYTHON -> "python";
      case C, CPP -> "cpp";
      case JAVASCRIPT -> "javascript";
      case GO -> "go";
      default -> null;
    };
  }

  public static List<AnalyserFinding> parseSarif(String text) throws IOException {
    JsonNode root = JSON.readTree(text);
    List<AnalyserFinding> findings = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      Map<String, List<String>> ruleCwes = new HashMap<>();
      Map<String, String> ruleLevel = new HashMap<>();
      for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
        List<String> cwes = new ArrayList<>();
        for (JsonNode tag : rule.path("properties").path("tags")) {
          Matcher m = CWE_TAG.matcher(tag.asText());
          if (m.find()) cwes.add("CWE-" + Integer.parseInt(m.group(1)));
        }
        ruleCwes.put(rule.path("id").asText(), cwes);
        ruleLevel.put(rule.path("id").asText(), rule.path("defaultConfiguration").path("level").asText("warning"));
      }
      for (JsonNode r : run.path("results")) {
        String rule = r.path("ruleId").asText();
        JsonNode region = r.path("locations").path(0).path("physicalLocation").path("region");
        String level = r.path("level").asText(ruleLevel.getOrDefault(rule, "warning"));
        Severity s = switch (level) {
          case "error" -> Severity.HIGH;
          case "note", "none" -> Severity.LOW;
          default -> Severity.MEDIUM;
        };
        findings.add(new AnalyserFinding("codeql", rule, ruleCwes.getOrDefault(rule, List.of()),
            region.path("startLine").asInt(), region.path("startColumn").asInt(), s, 0.8,
            r.path("message").path("text").asText()));
      }
    }
    return findings;
  }
}

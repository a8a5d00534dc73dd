package dev.rescue.eval.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeQL, when {@code codeql} is on the PATH: builds a database of the program alone and runs the
 * scenario's query ({@link CodeqlQuery}); CWE ids come from the rules' {@code external/cwe/cwe-NNN}
 * tags (the benchmark's own queries may have none: every result of the scenario's query counts, see
 * {@link SecurityOracles}).
 */
public final class CodeqlOracle implements SecurityOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CWE_TAG = Pattern.compile("external/cwe/cwe-(\\d+)");

  @Override
  public String name() {
    return "codeql";
  }

  @Override
  public boolean supports(String language) {
    return "py".equals(language) || "c".equals(language) || "cpp".equals(language) || "js".equals(language)
        || "go".equals(language);
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("codeql");
  }

  @Override
  public List<Finding> analyse(Path program, String language, CodeqlQuery query) {
    if (query == null) throw new OracleException("codeql needs a query (check_ql) for " + program.getFileName());
    // a folder of its own: CodeQL extracts every source file under --source-root
    Path dir = program.getParent();
    Path db = dir.resolve("codeql-db");
    String lang = switch (language) {
      case "py" -> "python";
      case "c", "cpp" -> "cpp";
      case "js" -> "javascript";
      default -> language;
    };
    List<String> create = new ArrayList<>(List.of("codeql", "database", "create", db.toString(),
        "--language=" + lang, "--source-root=" + dir, "--overwrite"));
    if (lang.equals("cpp")) {
      create.add("--command=" + ("c".equals(language) ? "gcc -c " : "g++ -c ") + program.getFileName());
    }
    ToolRunner.Output c = ToolRunner.run(create, dir, 600);
    if (c.exit() != 0) throw new OracleException("codeql database create failed: " + BanditOracle.tail(c.stderr()));
    Path sarif = dir.resolve("codeql.sarif");
    ToolRunner.Output a = ToolRunner.run(List.of("codeql", "database", "analyze", db.toString(), query.specifier(),
        "--format=sarif-latest", "--output=" + sarif), dir, 600);
    if (a.exit() != 0) {
      throw new OracleException("codeql database analyze with " + query.specifier() + " (check_ql " + query.checkQl()
          + ") failed: " + BanditOracle.tail(a.stderr()));
    }
    try {
      return parseSarif(Files.readString(sarif));
    } catch (java.io.IOException e) {
      throw new OracleException("codeql SARIF unreadable: " + e.getMessage());
    }
  }

  static List<Finding> parseSarif(String text) throws java.io.IOException {
    JsonNode root = JSON.readTree(text);
    List<Finding> findings = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      Map<String, List<String>> ruleCwes = new HashMap<>();
      for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
        List<String> cwes = new ArrayList<>();
        for (JsonNode tag : rule.path("properties").path("tags")) {
          Matcher m = CWE_TAG.matcher(tag.asText());
          if (m.find()) cwes.add("CWE-" + Integer.parseInt(m.group(1)));
        }
        ruleCwes.put(rule.path("id").asText(), cwes);
      }
      for (JsonNode r : run.path("results")) {
        String rule = r.path("ruleId").asText();
        int line = r.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt();
        findings.add(new Finding("codeql", rule, ruleCwes.getOrDefault(rule, List.of()), line,
            r.path("message").path("text").asText()));
      }
    }
    return findings;
  }
}

package dev.rescue.kb.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real analysers agree with the examples: nothing in any secure example, and a finding in the
 * vulnerable example of each CWE the analyser has a check for. Each analyser runs once over all
 * examples written to a temp folder; its findings map back to examples by file name.
 */
class CuratedKbAnalyserTest {
  /**
   * CWEs whose Python vulnerable example {@code bandit -ll} (medium severity and up) flags, and the
   * check that does (bandit 1.6.2). Not CWE-89: bandit 1.6's B608 looks for {@code ast.Str}, which
   * Python 3.8+ no longer produces, so it never fires here; not CWE-338 or CWE-798: B311 and
   * B105-B107 are low severity; not CWE-22: B202 (tarfile) arrived after 1.6.
   */
  static final Set<String> BANDIT_CWES = Set.of(
      "CWE-78",   // B602 subprocess with shell=True
      "CWE-79",   // B701 jinja2 autoescape=False
      "CWE-94",   // B102 exec
      "CWE-95",   // B307 eval
      "CWE-295",  // B501 requests verify=False
      "CWE-326",  // B505 RSA key under 2048 bits
      "CWE-327",  // B303 MD5
      "CWE-377",  // B306 mktemp
      "CWE-502",  // B506 yaml.load, B301 pickle
      "CWE-611",  // B314 xml.etree parsing
      "CWE-732"); // B103 permissive chmod
  /** CWEs whose C/C++ vulnerable examples {@code cppcheck --enable=warning} flags (cppcheck 2.10). */
  static final Set<String> CPPCHECK_CWES = Set.of(
      "CWE-401",  // memleak
      "CWE-415",  // doubleFree
      "CWE-416",  // deallocuse
      "CWE-676",  // obsolete/dangerous functions
      "CWE-787"); // arrayIndexOutOfBounds
  /** CWEs whose C/C++ vulnerable examples {@code flawfinder --minlevel=3} flags (flawfinder 2.0.19). */
  static final Set<String> FLAWFINDER_CWES = Set.of(
      "CWE-78",   // system
      "CWE-120",  // strcpy, strcat
      "CWE-134",  // non-constant format strings
      "CWE-327",  // EVP_des_*
      "CWE-338",  // srand, rand family
      "CWE-367",  // access
      "CWE-377",  // tmpnam
      "CWE-676",  // scanf, strcpy
      "CWE-732"); // chmod

  /**
   * Level 3 and up: below it flawfinder reports every fixed-size array and memcpy, which correct
   * code uses too, so "nothing in a secure example" would be unattainable and say nothing.
   */
  static final String FLAWFINDER_MIN_LEVEL = "3";

  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  @TestFactory
  Stream<DynamicTest> banditFlagsTheVulnerablePythonExamplesOfItsCwesAndNoSecureOne() {
    ExternalTool.BANDIT.require();
    ExampleWorkspace ws = ExampleWorkspace.write(FILES, Set.of(Language.PYTHON));
    ExternalTool.Result r = ExternalTool.BANDIT.run(List.of("-r", ws.dir().toString(), "-f", "json", "-ll"), ws.dir());
    Map<ExampleFile, List<String>> findings = new HashMap<>();
    try {
      JsonNode root = new ObjectMapper().readTree(r.stdout());
      for (JsonNode result : root.path("results")) {
        ws.byToolPath(result.path("filename").asText()).ifPresent(f -> findings
            .computeIfAbsent(f, k -> new ArrayList<>())
            .add(result.path("test_id").asText() + " " + result.path("issue_text").asText()));
      }
      assertThat(root.path("errors").isEmpty()).as("bandit could not analyse: %s", root.path("errors")).isTrue();
    } catch (java.io.IOException e) {
      throw new AssertionError("bandit printed no JSON (exit " + r.exitCode() + "): " + r.stderr(), e);
    }
    return gates("bandit", ws.files(Language.PYTHON), findings, BANDIT_CWES);
  }

  @TestFactory
  Stream<DynamicTest> cppcheckFlagsTheVulnerableCExamplesOfItsCwesAndNoSecureOne() {
    ExternalTool.CPPCHECK.require();
    ExampleWorkspace ws = ExampleWorkspace.write(FILES, Set.of(Language.C, Language.CPP));
    ExternalTool.Result r = ExternalTool.CPPCHECK.run(List.of("--enable=warning", "--quiet",
        // Each example is its own program: cross-file rules would compare unrelated examples.
        "--suppress=ctuOneDefinitionRuleViolation",
        "--template={file}\t{severity}\t{id}\t{message}", ws.dir().toString()), ws.dir());
    Map<ExampleFile, List<String>> findings = new HashMap<>();
    for (String line : r.stderr().lines().toList()) {
      String[] cols = line.split("\t", 4);
      if (cols.length < 4 || !(cols[1].equals("error") || cols[1].equals("warning"))) continue;
      ws.byToolPath(cols[0]).ifPresent(f -> findings.computeIfAbsent(f, k -> new ArrayList<>()).add(cols[2] + " " + cols[3]));
    }
    List<ExampleFile> cFiles = new ArrayList<>(ws.files(Language.C));
    cFiles.addAll(ws.files(Language.CPP));
    return gates("cppcheck", cFiles, findings, CPPCHECK_CWES);
  }

  @TestFactory
  Stream<DynamicTest> flawfinderFlagsTheVulnerableCExamplesOfItsCwesAndNoSecureOne() {
    ExternalTool.FLAWFINDER.require();
    ExampleWorkspace ws = ExampleWorkspace.write(FILES, Set.of(Language.C, Language.CPP));
    ExternalTool.Result r = ExternalTool.FLAWFINDER.run(List.of("--minlevel=" + FLAWFINDER_MIN_LEVEL, "--csv",
        "--quiet", ws.dir().toString()), ws.dir());
    Map<ExampleFile, List<String>> findings = new HashMap<>();
    for (String line : r.stdout().lines().skip(1).toList()) {
      String[] cols = line.split(",", 8);
      if (cols.length < 7) continue;
      ws.byToolPath(cols[0]).ifPresent(f -> findings.computeIfAbsent(f, k -> new ArrayList<>()).add(cols[6] + ": " + line));
    }
    List<ExampleFile> cFiles = new ArrayList<>(ws.files(Language.C));
    cFiles.addAll(ws.files(Language.CPP));
    return gates("flawfinder", cFiles, findings, FLAWFINDER_CWES);
  }

  private static Stream<DynamicTest> gates(String tool, List<ExampleFile> files,
      Map<ExampleFile, List<String>> findings, Set<String> checkedCwes) {
    List<DynamicTest> tests = new ArrayList<>();
    for (ExampleFile f : files) {
      List<String> found = findings.getOrDefault(f, List.of());
      if (f.variant() == ExampleFile.Variant.SECURE) {
        tests.add(DynamicTest.dynamicTest(f.label() + " has no " + tool + " finding",
            () -> assertThat(found).as("%s: %s findings", f.label(), tool).isEmpty()));
      }
    }
    // A CWE the tool checks is flagged in at least one of its vulnerable examples in the tool's languages.
    for (String cwe : checkedCwes.stream().sorted().toList()) {
      List<ExampleFile> vulnerable = files.stream()
          .filter(f -> f.cwe().equals(cwe) && f.variant() == ExampleFile.Variant.VULNERABLE).toList();
      boolean selected = FILES.stream().anyMatch(c -> c.entry() != null && cwe.equals(c.entry().cwe()));
      if (!selected) continue;
      tests.add(DynamicTest.dynamicTest(cwe + " vulnerable example is flagged by " + tool, () -> {
        assertThat(vulnerable).as("%s is listed as checked by %s but has no example in its languages", cwe, tool)
            .isNotEmpty();
        assertThat(vulnerable.stream().anyMatch(f -> findings.containsKey(f)))
            .as("%s: %s finds nothing in %s", cwe, tool, vulnerable.stream().map(ExampleFile::label).toList())
            .isTrue();
      }));
    }
    return tests.stream();
  }
}

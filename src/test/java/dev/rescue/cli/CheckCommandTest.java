package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rescue.testing.GoldenFiles;
import dev.rescue.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rescue check}: the text, JSON and SARIF of a small fixture against golden files (KB rules
 * only, so that the output does not depend on the analysers installed; rewrite them with
 * {@code -Dgolden.update=true}, then review the diff), SARIF against the OASIS schema, exit codes,
 * and bad inputs that never lose the rest of the batch.
 */
class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURES = Path.of("src/test/resources/check");
  private static final Path SARIF_SCHEMA = Path.of(System.getProperty("rescue.shared", "../shared"), "data", "sarif", "sarif-schema-2.1.0.json");

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private void golden(String name, String actual) {
    GoldenFiles.assertMatches(FIXTURES.resolve("golden").resolve(name), actual);
  }

  private static String fixture() {
    return FIXTURES.resolve("fixture.py").toString();
  }

  @Test
  void textJsonAndSarifOfTheFixtureMatchTheirGoldenFiles() throws Exception {
    assertThat(run("check", "--tools", "kb", fixture())).isEqualTo(1);
    golden("fixture.txt", out.toString());
    assertThat(run("check", "--tools", "kb", "--json", fixture())).isEqualTo(1);
    golden("fixture.json", out.toString());
    assertThat(run("check", "--tools", "kb", "--sarif", fixture())).isEqualTo(1);
    golden("fixture.sarif", out.toString());
  }

  @Test
  void theFixturesFindingsAreTheYamlLoadAndTheShellCommandWithTheirGuidance() throws Exception {
    run("check", "--tools", "kb", "--json", fixture());
    JsonNode findings = JSON.readTree(out.toString()).at("/results/0/findings");
    assertThat(findings).extracting(f -> f.get("cwe").asText() + "@" + f.get("line").asInt())
        .containsExactly("CWE-502@8", "CWE-78@12");
    assertThat(findings.get(0).at("/guidance/secure_example").asText()).contains("yaml.safe_load");
    assertThat(findings.get(1).at("/guidance/guideline").asText()).contains("shell");
  }

  @Test
  void sarifIsValidAgainstTheOasisSchemaWithEveryToolInstalledToo() throws Exception {
    Requires.data(SARIF_SCHEMA);
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(Files.readString(SARIF_SCHEMA), InputFormat.JSON);
    Path binary = dir.resolve("blob.py");
    Files.write(binary, new byte[] {'x', 0, 1, 2});
    for (List<String> args : List.of(List.of("check", "--tools", "kb", "--sarif", fixture()),
        List.of("check", "--sarif", fixture(), FIXTURES.resolve("clean.py").toString(), binary.toString()))) {
      run(args.toArray(String[]::new));
      String sarif = out.toString();
      assertThat(schema.validate(sarif, InputFormat.JSON)).as(sarif).isEmpty();
      assertThat(JSON.readTree(sarif).at("/runs/0/results")).isNotEmpty();
    }
    // and the validator does reject what is not SARIF
    assertThat(schema.validate("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}", InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void badInputsAreEachAnErrorAndTheGoodFileIsStillChecked() throws Exception {
    Path binary = dir.resolve("blob.py");
    Files.write(binary, new byte[] {'x', '=', 0, 1});
    Path latin1 = dir.resolve("latin1.py");
    Files.write(latin1, "s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
    Path huge = dir.resolve("huge.py");
    Files.writeString(huge, "x = 1\n".repeat(5 * 1024 * 1024 / 6 + 1));
    Path unknown = dir.resolve("notes.txt");
    Files.writeString(unknown, "hello\n");
    Path broken = dir.resolve("broken.py");
    Files.writeString(broken, "import yaml\ndef f(s:\n    return yaml.load(s\n");
    int code = run("check", "--tools", "kb", "--json", binary.toString(), latin1.toString(), huge.toString(),
        unknown.toString(), dir.resolve("missing.py").toString(), broken.toString(), fixture());
    assertThat(code).isEqualTo(1);
    JsonNode report = JSON.readTree(out.toString());
    assertThat(report.get("errors")).extracting(e -> e.get("file").asText() + ": " + e.get("error").asText())
        .satisfiesExactly(
            e -> assertThat(e).startsWith(binary + ": binary file"),
            e -> assertThat(e).startsWith(latin1 + ": not UTF-8"),
            e -> assertThat(e).startsWith(huge + ": 5.2 MB is over the 1 MiB limit"),
            e -> assertThat(e).startsWith(unknown + ": cannot tell the language"),
            e -> assertThat(e).startsWith(dir.resolve("missing.py") + ": no such file"));
    JsonNode results = report.get("results");
    assertThat(results).hasSize(2);
    // the file that does not parse is checked as far as it parses, and says so
    assertThat(results.get(0).get("file").asText()).isEqualTo(broken.toString());
    assertThat(results.get(0).at("/failures/0/reason").asText()).contains("does not parse cleanly as Python");
    assertThat(results.get(0).at("/findings/0/cwe").asText()).isEqualTo("CWE-502");
    assertThat(results.get(1).get("findings")).hasSize(2);
    assertThat(err.toString()).contains("blob.py: binary file");
  }

  @Test
  void exitCodesFollowFailOn() throws Exception {
    Path medium = dir.resolve("rand.py");
    Files.writeString(medium, "import random\n\ndef token():\n    return random.random()\n");
    assertThat(run("check", "--tools", "kb", FIXTURES.resolve("clean.py").toString())).isZero();
    assertThat(out.toString()).contains("clean.py: no findings");
    assertThat(run("check", "--tools", "kb", "--fail-on", "high", fixture())).isEqualTo(1);
    assertThat(run("check", "--tools", "kb", "--fail-on", "low", FIXTURES.resolve("clean.py").toString())).isZero();
    assertThat(run("check", "--fail-on", "severe", fixture())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown severity 'severe'");
    assertThat(run("check", "-")).isEqualTo(2);
    assertThat(err.toString()).contains("needs --language");
    assertThat(run("check", "--tools", "pylint", fixture())).isEqualTo(2);
    assertThat(run("check", "--json", "--sarif", fixture())).isEqualTo(2);
    assertThat(run("check", "--language", "klingon", fixture())).isEqualTo(2);
  }
}

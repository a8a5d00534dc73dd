package dev.rescue.cli;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KbCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path subset(int n) throws Exception {
    Path sven = Path.of(System.getProperty("rescue.shared", "../shared"), "data", "safecoder/sven/train");
    Requires.data(sven);
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.write(src.resolve("cwe-022.jsonl"), Files.readAllLines(sven.resolve("cwe-022.jsonl")).subList(0, n));
    return src;
  }

  @Test
  void buildThenInfoPrintsTheSummaryOfTheDesign() throws Exception {
    Path src = subset(3);
    Path kb = dir.resolve("kb");
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:" + src, "--out", kb.toString()))
        .as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("slicing").contains("3 pairs");
    // stderr is no terminal here: progress is plain lines, as a log file would get them
    assertThat(err.toString()).doesNotContain("\r").containsPattern("(?m)^\\S.*: (\\d+)/\\1 \\(100%\\)$");

    out.getBuffer().setLength(0);
    assertThat(run("kb", "info", "--kb", kb.toString())).isEqualTo(ExitCodes.OK);
    JsonNode info = new ObjectMapper().readTree(out.toString());
    assertThat(info.get("cwes").asInt()).isEqualTo(1);
    assertThat(info.get("cwe_ids")).extracting(JsonNode::asText).containsExactly("CWE-22");
    assertThat(info.get("examples").asInt()).isEqualTo(3);
    assertThat(info.at("/languages/py").asInt() + info.at("/languages/c").asInt() + info.at("/languages/cpp").asInt()).isEqualTo(3);
    assertThat(info.at("/embedder/id").asText()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(info.at("/embedder/dimension").asInt()).isEqualTo(384);
    assertThat(info.at("/gates/tau_api").asDouble()).isEqualTo(4.0);
    assertThat(info.get("sha256").asText()).hasSize(64);
  }

  @Test
  void infoWithoutKbDescribesTheBundledKb() throws Exception {
    assertThat(run("kb", "info")).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode info = new ObjectMapper().readTree(out.toString());
    assertThat(info.get("cwe_ids")).extracting(JsonNode::asText).contains("CWE-502", "CWE-89");
    // the curated entries, with the MITRE-derived layer under them
    assertThat(info.at("/distillers/curated").asInt() + info.at("/distillers/mitre").asInt()).isEqualTo(info.get("cwes").asInt());
    assertThat(info.at("/distillers/mitre").asInt()).isGreaterThan(100);
    assertThat(info.get("cwe_ids")).extracting(JsonNode::asText).contains("CWE-121", "CWE-680", "CWE-1240");
    assertThat(info.get("notices")).singleElement().extracting(JsonNode::asText).asString()
        .contains("The MITRE Corporation").contains("https://cwe.mitre.org/about/termsofuse.html");
    assertThat(info.get("sources")).extracting(s -> s.get("name").asText()).contains("mitre:mitre-cwe-layer.yaml");
  }

  @Test
  void aTamperedKbIsAUsageErrorNamingTheFile() throws Exception {
    Path src = subset(1);
    Path kb = dir.resolve("kb");
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:" + src, "--out", kb.toString())).isZero();
    Path cwes = kb.resolve("cwes.jsonl");
    Files.writeString(cwes, Files.readString(cwes).replace("CWE-22", "CWE-23"));
    assertThat(run("kb", "info", "--kb", kb.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("cwes.jsonl").contains("sha256");
  }

  @Test
  void oneChangedByteInTheIndexIsAUsageErrorNamingTheIndexFile() throws Exception {
    Path src = subset(1);
    Path kb = dir.resolve("kb");
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:" + src, "--out", kb.toString())).isZero();
    Path cfs = kb.resolve("index/_0.cfs");
    byte[] bytes = Files.readAllBytes(cfs);
    bytes[bytes.length / 2] ^= 1;
    Files.write(cfs, bytes);
    assertThat(run("kb", "info", "--kb", kb.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("index/_0.cfs", "does not match the sha256");
    err.getBuffer().setLength(0);
    assertThat(run("context", "--kb", kb.toString(), "Read the file whose name the user gives")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("index/_0.cfs");
  }

  @Test
  void aRenamedGateInTheManifestIsAUsageErrorNamingTheKey() throws Exception {
    Path src = subset(1);
    Path kb = dir.resolve("kb");
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:" + src, "--out", kb.toString())).isZero();
    Path manifest = kb.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"alpha\"", "\"alpah\""));
    assertThat(run("kb", "info", "--kb", kb.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("manifest.json", "gates", "unknown key 'alpah'");
  }

  @Test
  void kbInfoOfAMergeOfDifferentlyCalibratedKbsNeedsGatesFrom() throws Exception {
    Path src = subset(1);
    Path kb = dir.resolve("kb");
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:" + src, "--out", kb.toString())).isZero();
    assertThat(run("kb", "info", "--kb", kb.toString(), "--kb", "bundled")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--gates-from bundled");
    out.getBuffer().setLength(0);
    assertThat(run("kb", "info", "--kb", kb.toString(), "--kb", "bundled", "--gates-from", "bundled"))
        .as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode info = new ObjectMapper().readTree(out.toString());
    assertThat(info.at("/gates/tau_api").asDouble()).as("the bundled KB's calibrated gate, not the paper's 4.0")
        .isNotEqualTo(4.0);
  }

  @Test
  void aMissingOutIsAUsageError() {
    assertThat(run("kb", "build", "--no-llm", "--source", "safecoder:x")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--out");
  }

  @Test
  void anUnknownSourceKindIsAUsageErrorNamingIt() {
    assertThat(run("kb", "build", "--no-llm", "--source", "sven:" + dir, "--out", dir.resolve("kb").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown kind 'sven'");
  }

  @Test
  void buildingWithAnLlmButNoneConfiguredSaysHowToSetOneOrUseNoLlm() throws Exception {
    Path src = dir.resolve("pairs.jsonl");
    Files.writeString(src, "");
    // in a process of its own, without the developer's RESCUE_*/OPENAI_* variables
    RescueProcess.Run r = new RescueProcess(dir.resolve("home"))
        .run("kb", "build", "--source", "safecoder:" + src, "--out", dir.resolve("kb").toString());
    assertThat(r.exit()).as(r.stderr()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.stderr()).contains("RESCUE_LLM_BASE_URL").contains("--no-llm");
  }

  @Test
  void kbWithoutSubcommandIsAUsageError() {
    assertThat(run("kb")).isEqualTo(ExitCodes.USAGE);
    assertThat(List.of(err.toString())).anySatisfy(e -> assertThat(e).contains("build, info, push or mitre"));
  }
}

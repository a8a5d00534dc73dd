package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.oracle.SecurityOracles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CodeGuard+: scenarios {@code data/base/cwe-XXX/N-LANG/} with {@code info.json}, {@code file_context.EXT}
 * and {@code func_context.EXT}; the prompt is the two files concatenated verbatim and the task id is
 * {@code cwe-XXX/N-LANG}. Functional tests are {@code unit_test/cwe-XXX/N-LANG/functional.py}, run as
 * {@code python functional.py --path DIR} over a folder holding the sample as {@code sample.EXT}; the
 * verdict is read from {@code DIR/../stat.json} (or, failing that, its {@code sample: Fail} line).
 * Security: CodeQL with {@code check_ql} when installed, otherwise the static analysers, keeping only
 * findings that map to the scenario's CWE.
 */
public final class CodeGuardPlusBenchmark implements Benchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCENARIO = Pattern.compile("\\d+-(py|c|cpp)");
  static final String SAMPLE = "sample";

  private final Path root;
  private final Toolchain toolchain;
  private final Path shims;
  private final SecurityOracles oracles;
  private final List<EvalTask> tasks = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  public CodeGuardPlusBenchmark(Path root, Toolchain toolchain, Path shims, SecurityOracles oracles) {
    Path base = root.resolve("data").resolve("base");
    if (!Files.isDirectory(base)) throw new IllegalArgumentException("not a CodeGuard+ folder (no data/base): " + root);
    this.root = root.toAbsolutePath().normalize();
    this.toolchain = toolchain;
    this.shims = shims;
    this.oracles = oracles;
    load(this.root.resolve("data").resolve("base"));
  }

  private void load(Path base) {
    List<Path> infos;
    try (Stream<Path> s = Files.walk(base, 3)) {
      infos = s.filter(p -> p.getFileName().toString().equals("info.json")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + base + ": " + e.getMessage(), e);
    }
    for (Path info : infos) {
      Path scenario = info.getParent();
      String id = base.relativize(scenario).toString().replace('\\', '/');
      try {
        JsonNode j = JSON.readTree(info.toFile());
        String lang = j.path("language").asText("");
        if (!SCENARIO.matcher(scenario.getFileName().toString()).matches() || lang.isEmpty()) {
          problems.add(id + ": expected folder N-LANG with a language in info.json");
          continue;
        }
        String cwe = j.path("cwe").asText(null);
        Path fileContext = scenario.resolve("file_context." + lang);
        Path funcContext = scenario.resolve("func_context." + lang);
        if (!Files.isRegularFile(funcContext)) {
          problems.add(id + ": func_context." + lang + " missing");
          continue;
        }
        String prompt = (Files.isRegularFile(fileContext) ? Files.readString(fileContext, StandardCharsets.UTF_8) : "")
            + Files.readString(funcContext, StandardCharsets.UTF_8);
        JsonNode ql = j.path("check_ql");
        Path query = ql.isTextual() && !ql.asText().isBlank() ? root.resolve(ql.asText()) : null;
        Path test = root.resolve("unit_test").resolve(id).resolve("functional.py");
        tasks.add(new EvalTask(id, lang, cwe == null ? null : dev.rescue.eval.oracle.Finding.normaliseCwe(cwe),
            prompt, scenario, test, null, query));
      } catch (IOException | RuntimeException e) {
        problems.add(id + ": " + e.getMessage());
      }
    }
  }

  @Override
  public String kind() {
    return "codeguardplus";
  }

  @Override
  public List<EvalTask> tasks() {
    return List.copyOf(tasks);
  }

  @Override
  public List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public Optional<String> unavailable(EvalTask task) {
    Optional<String> tool = toolchain.missing(task.language());
    if (tool.isPresent()) return tool;
    if (toolchain.missing("py").isPresent()) return Optional.of("functional tests need Python");
    if (!Files.isRegularFile(task.testFile())) return Optional.of("no functional test " + root.relativize(task.testFile()));
    return Optional.empty();
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    Path dir = sandbox.newSampleDir();
    try {
      Path gen = dir.resolve("gen");
      Files.createDirectories(gen);
      Path programFile = gen.resolve(SAMPLE + "." + task.language());
      Files.writeString(programFile, program, StandardCharsets.UTF_8);
      ObjectNode stat = JSON.createObjectNode();
      stat.putObject(SAMPLE);
      Files.writeString(dir.resolve("stat.json"), stat.toString());
      Path unitTests = dir.resolve("unit_test");
      Path testDir = unitTests.resolve(task.id());
      Files.createDirectories(testDir);
      Files.copy(task.testFile(), testDir.resolve("functional.py"));
      Path utils = root.resolve("unit_test").resolve("test_utils.py");
      if (Files.isRegularFile(utils)) Files.copy(utils, unitTests.resolve("test_utils.py"));
      Sandbox.share(dir);
      SandboxRun run = sandbox.run(List.of(toolchain.python(), "functional.py", "--path", gen.toString()), testDir,
          Map.of("PYTHONPATH", shims + ":" + unitTests, "PYTHONDONTWRITEBYTECODE", "1"));
      Functional functional;
      String reason = null;
      JsonNode after = JSON.readTree(dir.resolve("stat.json").toFile()).path(SAMPLE).path("functional");
      String failLine = failLine(run.stdout());
      if (run.timedOut()) {
        functional = Functional.FAIL;
        reason = "functional test timed out";
      } else if (after.isBoolean()) {
        functional = after.asBoolean() ? Functional.PASS : Functional.FAIL;
        if (!after.asBoolean()) reason = failLine != null ? failLine : "functional test failed";
      } else if (failLine != null) {
        functional = Functional.FAIL;
        reason = failLine;
      } else if (run.ok() && run.stdout().contains("Test Summary")) {
        functional = Functional.PASS;
      } else {
        return Verdict.error("functional test gave no verdict: " + run.reason());
      }
      SecurityOracles.Check check = oracles.check(programFile, task.language(), task.cwe(), task.query());
      return new Verdict(functional, check.secure(), check.oracle(), check.findings(),
          reason != null ? reason : check.reason());
    } catch (IOException e) {
      return Verdict.error("harness I/O: " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  static String failLine(String stdout) {
    Matcher m = Pattern.compile("(?m)^" + SAMPLE + "(?:\\.\\w+)?: Fail - (.*)$").matcher(stdout);
    return m.find() ? "functional: " + m.group(1).strip() : null;
  }
}

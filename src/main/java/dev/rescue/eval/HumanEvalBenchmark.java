package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * HumanEval-style YAML files ({@code name}, {@code language}, {@code prompt}, {@code tests}), as in
 * MBPP: the program is run with its tests appended and passes when it exits 0. Security-neutral, so
 * security is not checked: these tasks measure how much functional correctness a method keeps.
 */
public final class HumanEvalBenchmark extends LoadedBenchmark {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Toolchain toolchain;

  public HumanEvalBenchmark(Path root, Toolchain toolchain) {
    if (!Files.isDirectory(root)) throw new IllegalArgumentException("HumanEval-style folder not found: " + root);
    this.toolchain = toolchain;
    List<Path> files;
    try (Stream<Path> s = Files.list(root)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + root + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      try {
        JsonNode j = YAML.readTree(f.toFile());
        String name = j.path("name").asText(null);
        if (name == null || !j.path("prompt").isTextual() || !j.path("tests").isTextual()) {
          problems.add(f.getFileName() + ": needs name, prompt and tests");
          continue;
        }
        tasks.add(new EvalTask(name, Language.parse(j.path("language").asText("py")), null, j.path("prompt").asText(), f, null,
            j.path("tests").asText(), null));
      } catch (IOException | RuntimeException e) {
        problems.add(f.getFileName() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public String kind() {
    return "humaneval";
  }

  @Override
  public Optional<String> unavailable(EvalTask task) {
    if (task.language() != Language.PYTHON) {
      return Optional.of("HumanEval-style tasks run in Python only, not " + task.language().id());
    }
    return toolchain.missing(Language.PYTHON);
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    Path dir = sandbox.newSampleDir();
    try {
      Path main = dir.resolve("main.py");
      Files.writeString(main, program + "\n\n" + task.tests() + "\n", StandardCharsets.UTF_8);
      Sandbox.share(dir);
      SandboxRun run = sandbox.run(List.of(toolchain.python(), "main.py"), dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"),
          Math.min(60, sandbox.limits().wallSeconds()));
      return new Verdict(run.ok() ? Functional.PASS : Functional.FAIL, null, "none", List.of(),
          run.ok() ? "security not checked (neutral task)" : run.reason());
    } catch (IOException e) {
      return Verdict.error("harness I/O: " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }
}

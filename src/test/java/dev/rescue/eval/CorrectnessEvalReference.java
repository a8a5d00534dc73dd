package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark's own verdict on one program, computed apart from the adapter (none of its classes
 * are used) by doing what the benchmark's scripts do:
 * <ul>
 *   <li>generate.py: the sample is {@code experiments/OUT/none/base/cwe-XXX/N-LANG/deduplicated/00.LANG}
 *       and {@code stat.json} beside {@code deduplicated/} holds {@code {"00.LANG": {"num": 1}}};</li>
 *   <li>correctness_eval.py check_functional: {@code python unit_test/cwe-XXX/N-LANG/functional.py --path
 *       ABSOLUTE_DEDUPLICATED} from the benchmark folder (here a writable copy of its unit_test/ at
 *       {@code HOME/CodeGuardPlus}, where cwe-190/2-c expects the repository);</li>
 *   <li>the verdict is {@code stat.json["00.LANG"]["functional"]}; a test that wrote none gives no
 *       verdict, which the benchmark never counts as functional.</li>
 * </ul>
 * The interpreter is /usr/bin/python3 with Debian's packages; PyPI's func_timeout, which Debian lacks,
 * is the reference stand-in in test resources, and {@code Crypto} is the harness's alias of Debian's
 * Cryptodome. As root, the test runs with a private /tmp (several tests write fixed /tmp paths), so
 * that nothing it leaves there is owned by root where the sandboxed samples run.
 */
final class CorrectnessEvalReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Says { FUNCTIONAL, NOT_FUNCTIONAL, NO_VERDICT }

  record Result(Says says, String output) {}

  private final Path benchmark;
  private final Path pythonPath;
  private final Path shims;

  /** @param shims the harness's compatibility modules, for {@code Crypto} only */
  CorrectnessEvalReference(Path benchmark, Path work, Path shims) throws IOException {
    this.benchmark = benchmark;
    Path standIns = Files.createDirectories(work.resolve("reference-python"));
    try (InputStream in = getClass().getResourceAsStream("/eval/reference-python/func_timeout.py")) {
      Files.copy(in, standIns.resolve("func_timeout.py"), StandardCopyOption.REPLACE_EXISTING);
    }
    this.pythonPath = standIns;
    this.shims = shims;
  }

  Result run(String id, String language, String program, Path work) throws IOException, InterruptedException {
    Path home = Files.createDirectories(work);
    Path repo = home.resolve("CodeGuardPlus");
    copyTree(benchmark.resolve("unit_test"), repo.resolve("unit_test"));
    Path scenarioOut = home.resolve("experiments").resolve("ref").resolve("none").resolve("base").resolve(id);
    Path dedup = Files.createDirectories(scenarioOut.resolve("deduplicated"));
    String file = "00." + language;
    Files.writeString(dedup.resolve(file), program, StandardCharsets.UTF_8);
    Files.writeString(scenarioOut.resolve("stat.json"), "{\"" + file + "\": {\"num\": 1}}");

    List<String> cmd = new ArrayList<>();
    if (privateTmp()) {
      cmd.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
          "mount -t tmpfs tmpfs /tmp && exec \"$0\" \"$@\""));
    }
    cmd.addAll(List.of("/usr/bin/python3", "unit_test/" + id + "/functional.py", "--path", dedup.toAbsolutePath().toString()));
    Path log = home.resolve("reference.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    pb.environment().put("HOME", home.toAbsolutePath().toString());
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().put("PYTHONPATH", pythonPath.toAbsolutePath() + ":" + shims.toAbsolutePath());
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(Says.NO_VERDICT, "reference run timed out");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    JsonNode flag = JSON.readTree(scenarioOut.resolve("stat.json").toFile()).path(file).path("functional");
    Says says = !flag.isBoolean() ? Says.NO_VERDICT : flag.asBoolean() ? Says.FUNCTIONAL : Says.NOT_FUNCTIONAL;
    return new Result(says, output);
  }

  private static Boolean privateTmp;

  /** Whether this user may give a command its own /tmp (root may; others run with the shared one). */
  private static synchronized boolean privateTmp() {
    if (privateTmp == null) {
      try {
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
            "mount -t tmpfs tmpfs /tmp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        privateTmp = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        privateTmp = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        privateTmp = false;
      }
    }
    return privateTmp;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path q : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(q).toString());
        if (Files.isDirectory(q)) {
          Files.createDirectories(target);
        } else {
          Files.copy(q, target);
        }
      }
    }
  }
}

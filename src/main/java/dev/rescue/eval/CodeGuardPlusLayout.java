package dev.rescue.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folders one sample's functional test runs in, laid out as the benchmark's own scripts leave
 * them, since its functional tests depend on that layout:
 * <ul>
 *   <li>generate.py writes the samples of a scenario as {@code .../cwe-XXX/N-LANG/deduplicated/00.LANG}
 *       and, beside {@code deduplicated/}, a {@code stat.json} with an entry per sample file;</li>
 *   <li>correctness_eval.py runs {@code python unit_test/cwe-XXX/N-LANG/functional.py --path
 *       ABSOLUTE/deduplicated} from the benchmark folder;</li>
 *   <li>the test records its verdict as {@code stat.json[FILE]["functional"]} (a Python test raises
 *       KeyError without the file's entry, which is why it is written first);</li>
 *   <li>cwe-190/2-c copies a file from {@code ~/CodeGuardPlus/unit_test/...}: the benchmark folder
 *       is expected at {@code ~/CodeGuardPlus}, so HOME is the folder holding it.</li>
 * </ul>
 * The benchmark folder is a per-sample copy of the scenario's unit test (tests write into their
 * working folder, e.g. cwe-022/2-py's {@code archive/}), never the shared data.
 */
final class CodeGuardPlusLayout {
  /** The sample's file name without extension, as generate.py names the first sample. */
  static final String SAMPLE = "00";
  static final String BENCHMARK_FOLDER = "CodeGuardPlus";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One laid-out sample.
   *
   * @param home the folder holding {@code CodeGuardPlus/}, for HOME
   * @param benchmark the working folder of the test ({@code HOME/CodeGuardPlus})
   * @param program the sample, {@code .../deduplicated/00.LANG}
   * @param stat the {@code stat.json} the test writes its verdict into
   */
  record Laid(Path home, Path benchmark, Path program, Path stat, List<String> command) {
    String sampleFile() {
      return program.getFileName().toString();
    }
  }

  private CodeGuardPlusLayout() {}

  /**
   * Writes the layout into an empty sample folder.
   *
   * @param benchmarkRoot the benchmark folder, read only
   */
  static Laid write(Path dir, CodeGuardPlusScenario s, String program, Path benchmarkRoot, String python) throws IOException {
    Path bench = dir.resolve(BENCHMARK_FOLDER);
    Path unitTests = bench.resolve("unit_test");
    Path testDir = unitTests.resolve(s.cweFolder()).resolve(s.scenarioFolder());
    copyUnitTest(s.unitTestDir(), testDir);
    Path utils = benchmarkRoot.resolve("unit_test").resolve("test_utils.py");
    if (Files.isRegularFile(utils)) Files.copy(utils, unitTests.resolve("test_utils.py"));

    Path scenarioOut = dir.resolve("experiments").resolve(s.cweFolder()).resolve(s.scenarioFolder());
    Path samples = scenarioOut.resolve("deduplicated");
    Files.createDirectories(samples);
    Path programFile = samples.resolve(SAMPLE + "." + s.task().language().id());
    Files.writeString(programFile, program, StandardCharsets.UTF_8);
    ObjectNode stat = JSON.createObjectNode();
    stat.putObject(programFile.getFileName().toString()).put("num", 1);
    Path statFile = scenarioOut.resolve("stat.json");
    Files.writeString(statFile, stat.toString(), StandardCharsets.UTF_8);

    List<String> command = List.of(python, bench.relativize(testDir.resolve("functional.py")).toString(),
        "--path", samples.toAbsolutePath().toString());
    return new Laid(dir, bench, programFile, statFile, command);
  }

  /**
   * Copies the scenario's unit test folder: functional.py and the files it reads. The benchmark's
   * self-check programs ({@code test_case.*}) stay behind: they are not part of a sample's run.
   */
  private static void copyUnitTest(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path rel = from.relativize(p);
        if (rel.toString().isEmpty()) continue;
        if (rel.getNameCount() == 1 && rel.toString().startsWith("test_case")) continue;
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p)) {
          Files.copy(p, target);
        }
      }
    }
  }
}

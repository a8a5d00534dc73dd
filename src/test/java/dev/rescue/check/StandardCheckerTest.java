package dev.rescue.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.check.analyser.AnalyserException;
import dev.rescue.check.analyser.ToolRunner;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration of tools: a crashed, hung or missing tool is a failure beside the others'
 * findings, findings of several tools on one line and CWE are one, and a hung process is killed.
 */
class StandardCheckerTest {
  static final KnowledgeBase KB = KbLoader.read(KbLoader.BUNDLED);
  static final SourceUnit YAML = new SourceUnit("a.py", "import yaml\n\ndef f(s):\n    return yaml.load(s)\n",
      Language.PYTHON, null);

  /** A tool that does what it is told: the orchestrator is under test, not the tool. */
  record Scripted(String name, boolean available, Runnable before, List<Finding> findings) implements CheckTool {
    public boolean supports(Language language) {
      return true;
    }

    public boolean optional() {
      return false;
    }

    public CheckResult check(SourceUnit unit) {
      before.run();
      return new CheckResult(unit, findings, List.of(), List.of(name));
    }
  }

  private static StandardChecker checker(Duration timeout, CheckTool... extra) {
    KbGuidance g = new KbGuidance(KB);
    List<CheckTool> tools = new java.util.ArrayList<>(List.of(new KbRules(KB, g)));
    tools.addAll(List.of(extra));
    return new StandardChecker(tools, g, new CheckOptions(Set.of(), timeout));
  }

  @Test
  void aCrashAHangAndAMissingToolLeaveTheKbFindingsAndSayWhichToolFailed() {
    CheckTool crash = new Scripted("crasher", true, () -> { throw new IllegalStateException("segfault"); }, List.of());
    CheckTool hang = new Scripted("hanger", true, () -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, List.of());
    CheckTool missing = new Scripted("absent", false, () -> { }, List.of());
    CheckResult r = checker(Duration.ofMillis(300), crash, hang, missing).check(YAML);
    assertThat(r.findings()).extracting(Finding::cwe).contains("CWE-502");
    assertThat(r.tools()).containsExactly("kb");
    assertThat(r.failures()).extracting(ToolFailure::tool).containsExactlyInAnyOrder("crasher", "hanger", "absent");
    assertThat(r.failures()).extracting(ToolFailure::reason).anySatisfy(s -> assertThat(s).contains("segfault"))
        .anySatisfy(s -> assertThat(s).contains("hanger did not finish")).anySatisfy(s -> assertThat(s).contains("not installed"));
  }

  @Test
  void twoToolsOnTheSameLineAndCweAreOneFindingListingBoth() {
    Finding weak = new Finding("CWE-502", new Location("a.py", 4, 1), "other", "X1", Severity.MEDIUM, 0.9, "unsafe load", null);
    CheckResult r = checker(Duration.ofSeconds(5), new Scripted("other", true, () -> { }, List.of(weak))).check(YAML);
    assertThat(r.findings()).filteredOn(f -> f.cwe().equals("CWE-502")).singleElement().satisfies(f -> {
      assertThat(f.tool()).isEqualTo("kb"); // HIGH beats MEDIUM
      assertThat(f.tools()).containsExactly("kb", "other");
    });
  }

  @Test
  void aHungProcessIsKilledAtItsDeadline(@TempDir Path dir) {
    long start = System.nanoTime();
    Assertions.assertThatThrownBy(() -> ToolRunner.run(List.of("sleep", "30"), dir, Duration.ofMillis(500)))
        .isInstanceOf(AnalyserException.class).hasMessageContaining("sleep timed out after 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aMissingCommandIsAnAnalyserFailure(@TempDir Path dir) {
    Assertions.assertThatThrownBy(() -> ToolRunner.run(List.of("no-such-analyser-here"), dir, Duration.ofSeconds(5)))
        .isInstanceOf(AnalyserException.class).hasMessageContaining("could not run");
  }
}

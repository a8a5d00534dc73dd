package dev.rescue.eval;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs hostile programs for real, with short limits, and checks each is stopped and the reason kept. */
class SandboxTest {
  static Sandbox sandbox;

  @BeforeAll
  static void open() {
    sandbox = Sandbox.create(new SandboxLimits(6, 6, 512L << 20, 64, 1L << 20));
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  private SandboxRun python(String code) throws Exception {
    Path dir = sandbox.newSampleDir();
    try {
      Files.writeString(dir.resolve("main.py"), code);
      return sandbox.run(List.of("/usr/bin/python3", "main.py"), dir, Map.of());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  @Test
  void aWellBehavedProgramRunsAndWritesInItsOwnFolder() throws Exception {
    SandboxRun run = python("open('out.txt', 'w').write('ok')\nprint(open('out.txt').read())");
    assertThat(run.ok()).isTrue();
    assertThat(run.stdout()).contains("ok");
  }

  @Test
  void aProgramWritingOutsideItsFolderIsRefused(@TempDir Path outside) throws Exception {
    Path target = outside.toAbsolutePath().resolve("pwned.txt");
    SandboxRun run = python("open(" + pyString(target.toString()) + ", 'w').write('x')");
    assertThat(Files.exists(target)).isFalse();
    assertThat(run.ok()).isFalse();
    // refused as another user, or simply not there in a private root
    assertThat(run.reason()).satisfiesAnyOf(r -> assertThat(r).contains("write outside the sample folder refused"),
        r -> assertThat(r).contains("No such file or directory"));
  }

  @Test
  void anEndlessLoopIsKilledByTheTimeLimit() throws Exception {
    long t0 = System.nanoTime();
    SandboxRun run = python("while True:\n    pass\n");
    assertThat(run.ok()).isFalse();
    assertThat(run.reason()).satisfiesAnyOf(r -> assertThat(r).contains("timed out"), r -> assertThat(r).contains("CPU"));
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
  }

  @Test
  void allocatingEightGigabytesHitsTheMemoryLimit() throws Exception {
    SandboxRun run = python("b = bytearray(8 * 1024 ** 3)\nprint(len(b))");
    assertThat(run.ok()).isFalse();
    assertThat(run.reason()).contains("memory limit");
  }

  @Test
  void aForkBombIsContainedAndKilled() throws Exception {
    long t0 = System.nanoTime();
    SandboxRun run = python("import os\nwhile True:\n    os.fork()\n");
    assertThat(run.ok()).isFalse();
    assertThat(run.reason()).satisfiesAnyOf(r -> assertThat(r).contains("process limit"), r -> assertThat(r).contains("timed out"));
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
  }

  @Test
  void aNetworkConnectionIsBlockedWhereTheMachineAllowsIt() throws Exception {
    Requires.that(sandbox.isolatesNetwork(), "unshare -n is not permitted on this machine");
    SandboxRun run = python("import socket\ns = socket.socket()\ns.settimeout(3)\ns.connect(('1.1.1.1', 80))\n");
    assertThat(run.ok()).isFalse();
    assertThat(run.reason()).contains("network blocked");
  }

  @Test
  void outputBeyondTheLimitIsCut() throws Exception {
    SandboxRun run = python("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n");
    assertThat(run.ok()).isFalse();
    assertThat(run.stdout().length()).isLessThanOrEqualTo(64 * 1024);
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}

package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM at any moment of a start, in a real JVM: while the embedding model loads on its
 * background thread, ONNX Runtime's shutdown hook freed its native environment under the load (SIGSEGV,
 * an hs_err file). Each signal comes at several delays after the start, so that some fall in the load.
 */
class SignalExitTest {
  private static final long[] DELAYS_MILLIS = {300, 700, 1_200, 2_000, 3_000};

  @TempDir Path home;

  @Test
  void serveStoppedBySigtermAtAnyMomentOfItsStartExits143WithoutACrash() throws Exception {
    for (long delay : DELAYS_MILLIS) assertCleanExit("TERM", 143, delay);
  }

  @Test
  void serveStoppedByCtrlCAtAnyMomentOfItsStartExits130WithoutACrash() throws Exception {
    for (long delay : DELAYS_MILLIS) assertCleanExit("INT", 130, delay);
  }

  private void assertCleanExit(String signal, int expectedExit, long delayMillis) throws Exception {
    RescueProcess r = new RescueProcess(home.resolve(signal + "-" + delayMillis));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path err = r.workDir().resolve("stderr.txt");
    Process p = r.builder("serve", "--upstream", "http://127.0.0.1:9/v1", "--port", String.valueOf(port))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    Thread.sleep(delayMillis);
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
    assertThat(kill.waitFor()).isZero();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("serve did not stop within 2 minutes of SIG" + signal + " at " + delayMillis + " ms");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    String what = "SIG" + signal + " after " + delayMillis + " ms: " + stderr;
    assertThat(p.exitValue()).as(what).isEqualTo(expectedExit);
    assertThat(stderr).as(what).doesNotContain("SIGSEGV", "A fatal error", "hs_err");
    RescueProcess.Run run = new RescueProcess.Run(p.exitValue(), "", stderr, r.workDir());
    assertThat(run.crashFiles()).as(what).isEmpty();
  }
}

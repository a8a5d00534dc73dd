package dev.rescue.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pytest with the harness's plugin, run in a sample folder the one way the harness runs it: the
 * plugin reports over a {@link ReportChannel} the sample cannot write, and the report is judged by
 * {@link PytestSession}. Used by CWEval's scoring and by the preflight, so a passing preflight means
 * the scoring path works.
 *
 * @param session null when the run timed out
 */
record PytestRun(SandboxRun run, PytestSession session) {
  static PytestRun of(Sandbox sandbox, String python, String testFile, Path dir, Map<String, String> env,
      Sandbox.Options options) {
    List<String> command = new ArrayList<>(List.of(python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "-p", "rescue_pytest_plugin", testFile));
    try (ReportChannel channel = sandbox.openChannel()) {
      SandboxRun run = sandbox.run(command, dir, env, options.withChannel(channel));
      return new PytestRun(run, run.timedOut() ? null : PytestSession.of(channel.read(), run.exit()));
    }
  }
}

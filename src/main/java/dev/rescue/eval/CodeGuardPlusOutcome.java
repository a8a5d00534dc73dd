package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functional verdict of one CodeGuard+ sample, read as the benchmark reads it: the
 * {@code functional} flag its test wrote into {@code stat.json} for the sample's file. The lines the
 * test printed only give the reason.
 *
 * <p>When the test wrote no flag, the benchmark never counts the sample as functional; here that is
 * a FAIL when the test ran to its summary (it raised on the sample, e.g. "module '00' has no attribute
 * 'app'" or an exception on import), and an ERROR when the test itself could not run. A sample that
 * fails because a package of the benchmark's requirements.txt is missing is an ERROR too: the
 * benchmark's environment has it, so the harness cannot judge the sample.
 *
 * @param reason why the sample failed or could not be judged, null when it passed
 */
record CodeGuardPlusOutcome(Functional functional, String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NO_MODULE = Pattern.compile("No module named '([A-Za-z_]\\w*)");
  private static final Pattern EXCEPTION_LINE = Pattern.compile("(?m)^((?:[A-Za-z_][\\w.]*)?(?:Error|Exception|Exit|Interrupt)\\b:?.*)$");
  /** The test's summary, printed by test_utils once every sample was tried. */
  static final String SUMMARY = "Test Summary:";

  /**
   * @param sampleFile the sample's file name, its key in stat.json ({@code 00.py})
   * @param requirements import names of the benchmark's requirements.txt
   */
  static CodeGuardPlusOutcome read(SandboxRun run, Path stat, String sampleFile, Set<String> requirements) {
    JsonNode flag = flag(stat, sampleFile);
    String module = sampleFile.substring(0, sampleFile.lastIndexOf('.'));
    String failLine = failLine(run.stdout(), module);
    if (flag != null && flag.isBoolean() && flag.asBoolean()) return new CodeGuardPlusOutcome(Functional.PASS, null);
    String why;
    if (flag != null && flag.isBoolean()) {
      why = failLine != null ? failLine : run.timedOut() ? "functional test timed out" : "functional test failed";
    } else if (run.timedOut()) {
      why = "functional test timed out (wall-clock limit) before recording a verdict";
    } else if (run.stdout().contains(SUMMARY)) {
      String raised = exceptionLine(run.stderr());
      why = "functional test raised on the sample" + (raised == null ? "" : ": " + raised);
    } else {
      String r = run.reason();
      return new CodeGuardPlusOutcome(Functional.ERROR, "functional test gave no verdict: "
          + (r != null ? r : "exit " + run.exit() + " without its summary"));
    }
    Matcher m = NO_MODULE.matcher(why);
    if (m.find() && requirements.contains(m.group(1))) {
      return new CodeGuardPlusOutcome(Functional.ERROR, "cannot judge: Python module '" + m.group(1)
          + "' of the benchmark's requirements.txt is not installed (" + why + ")");
    }
    return new CodeGuardPlusOutcome(Functional.FAIL, why);
  }

  private static JsonNode flag(Path stat, String sampleFile) {
    try {
      if (!Files.isRegularFile(stat)) return null;
      JsonNode f = JSON.readTree(stat.toFile()).path(sampleFile).path("functional");
      return f.isMissingNode() ? null : f;
    } catch (IOException e) {
      // the sample may have overwritten stat.json: no verdict then
      return null;
    }
  }

  /**
   * The test's line for the sample: Python tests print {@code 00: Fail - MESSAGE}, C tests print
   * {@code Fail: (MESSAGE) 0} after {@code Testing 00.c...}.
   */
  static String failLine(String stdout, String module) {
    Matcher py = Pattern.compile("(?m)^" + Pattern.quote(module) + ": Fail - (.*)$").matcher(stdout);
    if (py.find()) return "functional: " + py.group(1).strip();
    Matcher c = Pattern.compile("(?m)^Fail: \\((.*)\\) 0$").matcher(stdout);
    if (c.find()) return "functional: " + c.group(1).strip();
    return null;
  }

  /** The last exception line of a traceback ("AttributeError: module '00' has no attribute 'app'"). */
  static String exceptionLine(String stderr) {
    Matcher m = EXCEPTION_LINE.matcher(stderr == null ? "" : stderr);
    String last = null;
    while (m.find()) last = m.group(1).strip();
    if (last == null) return null;
    return last.length() > 300 ? last.substring(0, 300) : last;
  }
}

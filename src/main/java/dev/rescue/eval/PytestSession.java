package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one pytest run reported over its {@link ReportChannel}, and whether that report can be
 * believed. The rule: a verdict comes only from a session the plugin saw start and finish, whose
 * records all check out, whose test count matches what it sent, and whose exit status matches both
 * the tests (never 0 when one failed) and the status the process really exited with. A session
 * that started but never finished was ended by the program under test ({@code os._exit}, a crash, a
 * closed descriptor): its tests did not pass.
 *
 * @param status how far the report can be trusted
 * @param report for {@link Status#FINISHED}: {@code {exitstatus, tests: [...], collect_errors: [...]}}
 * @param problem for every other status: what was wrong, in a line
 */
public record PytestSession(Status status, JsonNode report, String problem) {
  public enum Status {
    /** started, finished and consistent: the tests' outcomes stand */
    FINISHED,
    /** the plugin never reported its start, or the log is unreadable: pytest or the harness failed, not the sample */
    NOT_STARTED,
    /** started but no finished record: the process ended before pytest did */
    UNFINISHED,
    /** a line that the plugin did not write */
    FORGED,
    /** finished, but its status disagrees with its tests or with the process's exit */
    INCONSISTENT
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static PytestSession of(ReportChannel.Reading reading, int processExit) {
    if (reading.failure() != null) return problem(Status.NOT_STARTED, reading.failure());
    List<JsonNode> records = reading.records();
    if (records.isEmpty() || !"start".equals(records.get(0).path("type").asText())) {
      if (reading.forgery() != null) return problem(Status.FORGED, reading.forgery());
      return problem(Status.NOT_STARTED, "the harness plugin sent no start record (pytest exit " + processExit + ")");
    }
    if (reading.forgery() != null) return problem(Status.FORGED, reading.forgery());
    ObjectNode report = JSON.createObjectNode();
    ArrayNode tests = report.putArray("tests");
    ArrayNode errors = report.putArray("collect_errors");
    JsonNode finished = null;
    boolean failed = false;
    for (JsonNode r : records.subList(1, records.size())) {
      if (finished != null) return problem(Status.INCONSISTENT, "a record after the finished record");
      switch (r.path("type").asText()) {
        case "test" -> {
          tests.add(r);
          String outcome = r.path("outcome").asText();
          failed |= !outcome.equals("passed") && !outcome.equals("skipped");
        }
        case "collect_error" -> errors.add(r.path("message").asText());
        case "finished" -> finished = r;
        default -> { return problem(Status.INCONSISTENT, "unknown record type '" + r.path("type").asText() + "'"); }
      }
    }
    if (finished == null) {
      return problem(Status.UNFINISHED, "the test process ended (exit " + processExit + ") before pytest's session finished, "
          + "after " + tests.size() + " test(s)");
    }
    int status = finished.path("exitstatus").asInt(-1);
    if (finished.path("tests").asInt(-1) != tests.size() || finished.path("collect_errors").asInt(-1) != errors.size()) {
      return problem(Status.INCONSISTENT, "the finished record counts " + finished.path("tests").asInt(-1)
          + " test(s), " + tests.size() + " were reported");
    }
    if (status != processExit) {
      return problem(Status.INCONSISTENT, "pytest finished with status " + status + " but the process exited " + processExit);
    }
    if (status == 0 && (failed || !errors.isEmpty())) {
      return problem(Status.INCONSISTENT, "pytest's status 0 disagrees with the reported outcomes (a test failed)");
    }
    report.put("exitstatus", status);
    return new PytestSession(Status.FINISHED, report, null);
  }

  private static PytestSession problem(Status s, String why) {
    return new PytestSession(s, null, why);
  }
}

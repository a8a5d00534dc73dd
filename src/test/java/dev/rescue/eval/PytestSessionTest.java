package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules for believing a report: authentic lines in order, a start, a finish, one consistent status. */
class PytestSessionTest {
  static final String START = "{\"type\":\"start\"}";
  static final String PASS = "{\"type\":\"test\",\"test\":\"t\",\"outcome\":\"passed\",\"markers\":[\"security\"],\"message\":\"\"}";
  static final String FAIL = "{\"type\":\"test\",\"test\":\"t\",\"outcome\":\"failed\",\"markers\":[],\"message\":\"boom\"}";

  static String finished(int status, int tests) {
    return "{\"type\":\"finished\",\"exitstatus\":" + status + ",\"tests\":" + tests + ",\"collect_errors\":0}";
  }

  /** Writes the records as the plugin does: SEQ MAC JSON, each MAC chained to the previous one. */
  static ReportChannel.Reading written(ReportChannel ch, String... records) throws Exception {
    StringBuilder log = new StringBuilder();
    String prev = "";
    for (int i = 0; i < records.length; i++) {
      String mac = ch.mac(i, prev, records[i]);
      log.append(i).append(' ').append(mac).append(' ').append(records[i]).append('\n');
      prev = mac;
    }
    Files.writeString(ch.log(), log, StandardCharsets.UTF_8);
    return ch.read();
  }

  @Test
  void aStartedFinishedConsistentSessionStands(@TempDir Path dir) throws Exception {
    try (ReportChannel ch = ReportChannel.open(dir)) {
      PytestSession s = PytestSession.of(written(ch, START, PASS, FAIL, finished(1, 2)), 1);
      assertThat(s.status()).as(s.problem()).isEqualTo(PytestSession.Status.FINISHED);
      assertThat(s.report().path("tests")).hasSize(2);
      assertThat(CwevalBenchmark.verdictOf(s.report()).functional()).isEqualTo(Functional.FAIL);
    }
  }

  @Test
  void noFinishedRecordMeansTheTestsDidNotFinish(@TempDir Path dir) throws Exception {
    try (ReportChannel ch = ReportChannel.open(dir)) {
      assertThat(PytestSession.of(written(ch, START, PASS), 0).status()).isEqualTo(PytestSession.Status.UNFINISHED);
    }
  }

  @Test
  void noStartRecordIsTheHarnessesFailure(@TempDir Path dir) throws Exception {
    try (ReportChannel ch = ReportChannel.open(dir)) {
      assertThat(PytestSession.of(ch.read(), 4).status()).isEqualTo(PytestSession.Status.NOT_STARTED);
    }
  }

  @Test
  void aStatusThatDisagreesWithTheTestsOrTheProcessIsNotBelieved(@TempDir Path dir) throws Exception {
    try (ReportChannel ch = ReportChannel.open(dir)) {
      assertThat(PytestSession.of(written(ch, START, FAIL, finished(0, 1)), 0).status())
          .isEqualTo(PytestSession.Status.INCONSISTENT);
      assertThat(PytestSession.of(written(ch, START, PASS, finished(0, 1)), 3).status())
          .isEqualTo(PytestSession.Status.INCONSISTENT);
      assertThat(PytestSession.of(written(ch, START, PASS, finished(0, 2)), 0).status())
          .isEqualTo(PytestSession.Status.INCONSISTENT);
    }
  }

  @Test
  void aLineWithoutTheKeyOrOutOfOrderIsAForgery(@TempDir Path dir) throws Exception {
    try (ReportChannel ch = ReportChannel.open(dir)) {
      written(ch, START, FAIL);
      Files.writeString(ch.log(), "2 " + "0".repeat(64) + " " + finished(0, 0) + "\n", StandardOpenOption.APPEND);
      assertThat(PytestSession.of(ch.read(), 0).status()).isEqualTo(PytestSession.Status.FORGED);

      String valid = ch.mac(0, "", START);
      Files.writeString(ch.log(), "1 " + valid + " " + START + "\n");
      assertThat(ch.read().forgery()).contains("out of order");
    }
  }

  @Test
  void theKeyFileIsPrivateAndGoesWithTheChannel(@TempDir Path dir) throws Exception {
    Path key;
    try (ReportChannel ch = ReportChannel.open(dir)) {
      key = ch.keyFile();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
    assertThat(key).doesNotExist();
  }
}

package dev.rescue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void outsideATerminalProgressIsPlainLinesNoOftenerThanTheInterval() {
    StringWriter sink = new StringWriter();
    AtomicLong now = new AtomicLong(0);
    try (Progress p = new Progress.Lines("eval", 119, new PrintWriter(sink), now::get, 5_000)) {
      for (int i = 1; i <= 119; i++) {
        now.addAndGet(100); // a step every 0.1 s: a line every 50 steps
        p.step("task-" + i);
      }
    }
    String log = sink.toString();
    assertFalse(log.contains("\r"), log);
    assertEquals(String.join(System.lineSeparator(), "eval: 50/119 (42%)", "eval: 100/119 (84%)", "eval: 119/119 (100%)", ""), log);
  }

  @Test
  void theLastFigureIsNotRepeatedAtTheEnd() {
    StringWriter sink = new StringWriter();
    AtomicLong now = new AtomicLong(0);
    Progress p = new Progress.Lines("retrieve", 2, new PrintWriter(sink), now::get, 5_000);
    p.step();
    now.set(10_000);
    p.step();
    p.close();
    p.close();
    assertEquals("retrieve: 2/2 (100%)" + System.lineSeparator(), sink.toString());
  }

  @Test
  void testsRunWithoutAConsoleSoTheFactoryGivesLines() {
    StringWriter sink = new StringWriter();
    try (Progress p = Progress.of("kb", 1, new PrintWriter(sink), true)) {
      p.step();
    }
    assertEquals("kb: 1/1 (100%)" + System.lineSeparator(), sink.toString());
  }
}

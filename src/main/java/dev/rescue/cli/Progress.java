package dev.rescue.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far a long command has got, on stderr: a redrawn bar on a terminal; plain lines now and then
 * in a file or a pipe, where a bar's {@code \r} frames would fold the whole log into one line.
 * The one place that decides which; commands only say what they count.
 */
abstract class Progress implements AutoCloseable {
  /** At most one plain line this often: enough to see a run move, few enough to keep a log short. */
  static final long LINE_INTERVAL_MILLIS = 5_000;

  /** Nothing shown: --no-progress. */
  static final Progress NONE = new Progress() {
    @Override
    void step(String label) {}

    @Override
    public void close() {}
  };

  /** The progress of {@code total} steps of {@code task}: a bar only when stderr, where it is drawn, is a terminal. */
  static Progress of(String task, long total, PrintWriter err, boolean shown) {
    if (!shown) return NONE;
    return stderrIsTerminal() ? new Bar(task, total)
        : new Lines(task, total, err, System::currentTimeMillis, LINE_INTERVAL_MILLIS);
  }

  /**
   * Whether stderr is a terminal. Java 17 cannot ask about one stream: {@code System.console()} says
   * whether stdin and stdout are, so {@code rescue eval 2>log} on a terminal drew the bar into the log.
   * On Linux the target of {@code /proc/self/fd/2} names the device; elsewhere the console is the best guess.
   */
  static boolean stderrIsTerminal() {
    return stderrIsTerminal(Path.of("/proc/self/fd/2"));
  }

  static boolean stderrIsTerminal(Path fd2) {
    try {
      return isTerminalDevice(Files.readSymbolicLink(fd2).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Pseudo-terminals ({@code /dev/pts/N}) and terminals ({@code /dev/tty*}, {@code /dev/console}). */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }

  /** One step done; {@code label} (may be null) names it where there is room to show it. */
  abstract void step(String label);

  final void step() {
    step(null);
  }

  /** All steps done, or the command stops: the last figure is shown and the line ended. */
  @Override
  public abstract void close();

  /** A bar redrawn in place; only for a terminal. */
  private static final class Bar extends Progress {
    private final ProgressBar bar;

    Bar(String task, long total) {
      // the console consumer fits the bar to the terminal's width and ends its line on close
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    void step(String label) {
      if (label != null) bar.setExtraMessage(label);
      bar.step();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Lines such as {@code eval: 40/119 (34%)}: one at most every interval, and one at the end. */
  static final class Lines extends Progress {
    private final String task;
    private final long total;
    private final PrintWriter err;
    private final LongSupplier clock;
    private final long interval;
    private final AtomicLong done = new AtomicLong();
    private long lastShownAt;
    private long lastShown = -1;
    private boolean closed;

    Lines(String task, long total, PrintWriter err, LongSupplier clock, long intervalMillis) {
      this.task = task;
      this.total = total;
      this.err = err;
      this.clock = clock;
      this.interval = intervalMillis;
      this.lastShownAt = clock.getAsLong();
    }

    @Override
    void step(String label) {
      long n = done.incrementAndGet();
      long now = clock.getAsLong();
      synchronized (this) {
        if (!closed && now - lastShownAt >= interval) show(n, now);
      }
    }

    @Override
    public synchronized void close() {
      if (closed) return;
      long n = done.get();
      if (n != lastShown) show(n, clock.getAsLong());
      closed = true;
    }

    private void show(long n, long now) {
      String pct = total > 0 ? " (" + (n * 100 / total) + "%)" : "";
      err.println(task + ": " + n + "/" + total + pct);
      err.flush();
      lastShown = n;
      lastShownAt = now;
    }
  }
}

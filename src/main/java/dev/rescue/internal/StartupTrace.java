package dev.rescue.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Where a one-shot command's start-up time goes, for whoever tunes it: with {@code
 * -Drescue.trace=startup} (e.g. {@code RESCUE_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1
 * -Drescue.trace=startup" bin/rescue context ...}) each span prints one line on stderr: when it
 * started and ended (ms since the JVM started), its wall and its thread's CPU time, and the thread.
 * Off (the default) a span costs one static read and loads nothing (no management classes).
 */
public final class StartupTrace {
  private static final boolean ON = "startup".equals(System.getProperty("rescue.trace"));
  private static final Span OFF = () -> {};

  private StartupTrace() {}

  /** A measured stretch; close it (try-with-resources) where it ends. */
  @FunctionalInterface
  public interface Span extends AutoCloseable {
    @Override
    void close();
  }

  public static boolean on() {
    return ON;
  }

  /** Starts a span named {@code name}; a no-op unless tracing is on. */
  public static Span span(String name) {
    if (!ON) return OFF;
    long startMs = uptimeMs();
    long startCpu = cpuNanos();
    return () -> {
      long endMs = uptimeMs();
      double cpuMs = (cpuNanos() - startCpu) / 1e6;
      print(String.format(Locale.ROOT, "%6d-%6d ms  wall %5d  cpu %6.1f  [%s] %s",
          startMs, endMs, endMs - startMs, cpuMs, Thread.currentThread().getName(), name));
    };
  }

  /** One point in time, e.g. the entry into {@code main}. */
  public static void mark(String name) {
    if (ON) print(String.format(Locale.ROOT, "%6d ms  [%s] %s (process cpu so far %.0f ms)",
        uptimeMs(), Thread.currentThread().getName(), name, processCpuMs()));
  }

  /**
   * Every thread's CPU time so far, the JVM's own (JIT compilers, GC) included, from {@code
   * /proc/self/task} (Linux; elsewhere nothing): where a process's CPU went beside the spans.
   */
  public static void threads() {
    if (!ON) return;
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
    java.util.Map<String, Double> byName = new java.util.TreeMap<>();
    try (var dirs = java.nio.file.Files.list(tasks)) {
      for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) dirs::iterator) {
        try {
          String stat = java.nio.file.Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+$", "").strip();
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // utime + stime, in 100 Hz ticks
          byName.merge(name, ms, Double::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      return;
    }
    byName.forEach((name, ms) -> {
      if (ms > 0) print(String.format(Locale.ROOT, "thread cpu %6.0f ms  %s", ms, name));
    });
  }

  private static long uptimeMs() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  private static long cpuNanos() {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
  }

  private static double processCpuMs() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e6;
    }
    return Double.NaN;
  }

  private static synchronized void print(String line) {
    System.err.println("rescue trace: " + line);
  }
}

package dev.rescue.embed.onnx;

import dev.rescue.embed.EmbeddingException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The in-process model loads under way, so that the JVM never exits under one. ONNX Runtime
 * creates its session in native code and registers a shutdown hook that frees its native
 * environment; when the JVM exits during a load (a command that fails fast while the model loads on
 * a background thread), that hook frees the environment under the loading thread and the process
 * dies with SIGSEGV (exit 134, an hs_err file, the extracted library left in the temp folder).
 * Native code cannot be interrupted, and shutdown hooks run in no set order, so the wait must come
 * before the exit starts: {@link #beforeExit} refuses new loads and waits for those under way, and
 * the CLI's {@code main} calls it before {@code System.exit}.
 */
public final class NativeModelLoads {
  private static final Object LOCK = new Object();
  private static int inProgress;
  private static boolean exiting;

  private NativeModelLoads() {}

  /**
   * Runs {@code load}, counted as a load under way.
   *
   * @throws EmbeddingException without running {@code load} once {@link #beforeExit} was called
   */
  static <T> T run(String what, Supplier<T> load) {
    synchronized (LOCK) {
      if (exiting) throw new EmbeddingException("not loading " + what + ": the JVM is exiting");
      inProgress++;
    }
    try {
      return load.get();
    } finally {
      synchronized (LOCK) {
        inProgress--;
        LOCK.notifyAll();
      }
    }
  }

  /**
   * Lets no new load start and waits for the loads under way, at most {@code limit} (a load takes
   * one to two seconds; a stuck one must not hang the exit for ever).
   *
   * @return whether no load is under way any more
   */
  public static boolean beforeExit(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (LOCK) {
      exiting = true;
      long left;
      while (inProgress > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          LOCK.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return inProgress == 0;
    }
  }
}

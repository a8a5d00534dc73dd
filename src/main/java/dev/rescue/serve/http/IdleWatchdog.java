package dev.rescue.serve.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes streamed upstream answers that stall: a stream that sends nothing for the idle limit is
 * closed, which ends the blocked read of the thread relaying it. One timer thread checks every
 * stream once a second, which costs less than a timer per chunk.
 */
final class IdleWatchdog implements AutoCloseable {
  private final long limitNanos;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rescue-stream-watchdog");
    t.setDaemon(true);
    return t;
  });

  IdleWatchdog(java.time.Duration limit) {
    this.limitNanos = limit.toNanos();
    long period = Math.max(50, Math.min(1000, limit.toMillis() / 4));
    timer.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts watching a stream; close the watch when the stream is done. */
  Watch watch(Closeable stream) {
    Watch w = new Watch(stream);
    watches.add(w);
    return w;
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Watch w : watches) {
      if (now - w.last > limitNanos) {
        w.expired = true;
        watches.remove(w);
        try {
          w.stream.close();
        } catch (IOException | RuntimeException ignored) {
          // the relaying thread sees the read fail either way
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  final class Watch implements AutoCloseable {
    private final Closeable stream;
    private volatile long last = System.nanoTime();
    private volatile boolean expired;

    private Watch(Closeable stream) {
      this.stream = stream;
    }

    /** The stream made progress. */
    void touch() {
      last = System.nanoTime();
    }

    /** Whether the watchdog closed the stream for being idle. */
    boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }
}

package dev.rescue.serve.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stdin that says when it ends. The MCP stdio transport reads on a thread of its own and just stops
 * at the end of input; the server waits on this to shut down when the client closes its end.
 */
final class EofSignallingInputStream extends FilterInputStream {
  private final CountDownLatch ended = new CountDownLatch(1);

  EofSignallingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    return check(guard(super::read));
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return check(guard(() -> super.read(b, off, len)));
  }

  private int check(int n) {
    if (n < 0) ended.countDown();
    return n;
  }

  private int guard(IoRead r) throws IOException {
    try {
      return r.read();
    } catch (IOException e) {
      ended.countDown(); // a broken pipe ends the session like an orderly close
      throw e;
    }
  }

  /** Blocks until the input ended. */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  boolean awaitEnd(long millis) throws InterruptedException {
    return ended.await(millis, TimeUnit.MILLISECONDS);
  }

  @FunctionalInterface
  private interface IoRead {
    int read() throws IOException;
  }
}

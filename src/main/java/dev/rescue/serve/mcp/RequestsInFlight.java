package dev.rescue.serve.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the client's requests that have no answer yet, so that the end of input waits for
 * them: a client that writes its requests and closes stdin (a pipe) still gets every answer.
 */
final class RequestsInFlight {
  private final Set<String> ids = new HashSet<>();

  /** A request from the client (a message with a method and an id). */
  synchronized void asked(JsonNode id) {
    ids.add(key(id));
  }

  /** An answer to the client (a message with an id and a result or an error). */
  synchronized void answered(JsonNode id) {
    if (ids.remove(key(id))) notifyAll();
  }

  /** @return whether the request {@code id} was answered within {@code limit} */
  synchronized boolean awaitAnswered(JsonNode id, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long left;
    while (ids.contains(key(id)) && (left = deadline - System.nanoTime()) > 0) {
      wait(Math.max(1, left / 1_000_000));
    }
    return !ids.contains(key(id));
  }

  /** @return whether every request was answered within {@code limit} */
  synchronized boolean awaitAllAnswered(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long left;
    while (!ids.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
      wait(Math.max(1, left / 1_000_000));
    }
    return ids.isEmpty();
  }

  synchronized int size() {
    return ids.size();
  }

  /** 1 and "1" are different ids: the JSON text keeps them apart. */
  private static String key(JsonNode id) {
    return id.toString();
  }
}

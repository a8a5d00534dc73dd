package dev.rescue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rescue.kb.KbJson;
import java.util.List;
import java.util.Locale;

/**
 * What {@code rescue bench} measured, in the two forms it prints: lines for a reader, and with --json one
 * object for a script. One record, so that the two cannot disagree on a figure.
 */
record BenchReport(int tasks, int rounds, int warmup, String kb, String embedder,
                   Latency retrievalMs, Latency contextMs, Latency embeddingMs) {

  /** The p50 and p95 of some latencies, in milliseconds. */
  record Latency(double p50, double p95) {
    static Latency of(List<Double> millis) {
      return new Latency(BenchCommand.pct(millis, 50), BenchCommand.pct(millis, 95));
    }
  }

  /** Retrieval over one query embedding, at p50 and at p95: how far retrieval is above its floor. */
  Latency retrievalOverEmbedding() {
    return new Latency(retrievalMs.p50() / embeddingMs.p50(), retrievalMs.p95() / embeddingMs.p50());
  }

  String text() {
    Latency ratio = retrievalOverEmbedding();
    return String.format(Locale.ROOT, "tasks %d x rounds %d (warm-up %d), kb %s, embedder %s%n", tasks, rounds, warmup, kb, embedder)
        + String.format(Locale.ROOT, "retrieval  p50 %7.2f ms  p95 %7.2f ms  (%.1fx / %.1fx one query embedding)%n",
            retrievalMs.p50(), retrievalMs.p95(), ratio.p50(), ratio.p95())
        + String.format(Locale.ROOT, "context()  p50 %7.2f ms  p95 %7.2f ms  (analysis + retrieval + assembly)%n",
            contextMs.p50(), contextMs.p95())
        + String.format(Locale.ROOT, "embedding  p50 %7.2f ms  p95 %7.2f ms  (one query, the floor)%n",
            embeddingMs.p50(), embeddingMs.p95());
  }

  /** One JSON object, snake_case keys like the rest of rescue's JSON; the ratio is in it as {@code retrieval_over_embedding}. */
  String json() {
    try {
      var node = KbJson.mapper().valueToTree(this);
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("retrieval_over_embedding",
          KbJson.mapper().valueToTree(retrievalOverEmbedding()));
      return KbJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.rescue.serve.http;

import dev.rescue.serve.BundledService;
import dev.rescue.serve.InjectionMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load run of the proxy (a benchmark, not a test): CLIENTS concurrent clients send REQUESTS coding
 * chat requests each through the proxy to a fake upstream that answers in UPSTREAM_MS. Reports errors,
 * throughput and the proxy's own overhead (client latency minus the upstream's time), p50/p95.
 * Every request's task text is distinct, so the embedding cache does not flatter the figures.
 *
 * <p>Run: {@code java -cp <test classpath> dev.rescue.serve.http.ProxyLoadBenchmark [clients] [requests] [upstreamMs] [proxy|plain|direct]}
 */
public final class ProxyLoadBenchmark {
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    long upstreamMs = args.length > 2 ? Long.parseLong(args[2]) : 50;
    // "direct" bypasses the proxy (the baseline of the HTTP stack itself); "plain" sends requests not about code
    String mode = args.length > 3 ? args[3] : "proxy";
    try (FakeUpstream upstream = new FakeUpstream(upstreamMs);
        ProxyServer proxy = new ProxyServer(new ProxyConfig("127.0.0.1", 0, upstream.base(), null, null,
            ProxyConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(60)), BundledService.with(InjectionMode.SYSTEM)).start()) {
      URI uri = mode.equals("direct") ? URI.create(upstream.base() + "/chat/completions")
          : URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions");
      plain = mode.equals("plain");
      // warm-up: model, index and JIT
      HttpClient warm = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 20; i++) send(warm, uri, "warm-" + i);

      ConcurrentLinkedQueue<Double> overheads = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Double> retrievals = new ConcurrentLinkedQueue<>();
      AtomicInteger errors = new AtomicInteger();
      AtomicInteger injected = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      String load0 = Files.readString(Path.of("/proc/loadavg")).strip();
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          for (int r = 0; r < requests; r++) {
            long s = System.nanoTime();
            try {
              HttpResponse<String> res = send(http, uri, client + "-" + r);
              double ms = (System.nanoTime() - s) / 1e6;
              if (res.statusCode() != 200) {
                errors.incrementAndGet();
              } else {
                overheads.add(ms - upstreamMs);
                if (res.headers().firstValue("X-Rescue-CWEs").isPresent()) injected.incrementAndGet();
                res.headers().firstValue("X-Rescue-Retrieval-Ms").ifPresent(v -> retrievals.add(Double.parseDouble(v)));
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) f.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      String load1 = Files.readString(Path.of("/proc/loadavg")).strip();
      pool.shutdown();
      List<Double> sorted = new ArrayList<>(overheads);
      Collections.sort(sorted);
      int total = clients * requests;
      System.out.printf(Locale.ROOT, "clients %d x requests %d, upstream %d ms, cores %d%n", clients, requests, upstreamMs,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "errors %d of %d; injected %d; wall %.1f s; throughput %.1f req/s%n",
          errors.get(), total, injected.get(), seconds, total / seconds);
      System.out.printf(Locale.ROOT, "proxy overhead (client latency - upstream %d ms): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
          upstreamMs, pct(sorted, 0.50), pct(sorted, 0.95), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
      List<Double> retrieval = new ArrayList<>(retrievals);
      Collections.sort(retrieval);
      System.out.printf(Locale.ROOT, "of which retrieval (X-Rescue-Retrieval-Ms): p50 %.1f ms, p95 %.1f ms%n",
          pct(retrieval, 0.50), pct(retrieval, 0.95));
      System.out.println("loadavg before: " + load0 + "; after: " + load1);
    }
    System.exit(0);
  }

  private static boolean plain;

  private static HttpResponse<String> send(HttpClient http, URI uri, String tag) throws Exception {
    String body = plain ? "{\"model\":\"fake-coder\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France? (" + tag + ")\"}]}" : "{\"model\":\"fake-coder\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Fix this function that loads the config file a user uploaded (ticket " + tag + "):\\n"
        + "```python\\nimport yaml\\n\\ndef load_config(path):\\n    with open(path) as f:\\n        return yaml.load(f)\\n```\"}]}";
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static double pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) return Double.NaN;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}

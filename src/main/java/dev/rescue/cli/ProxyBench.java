package dev.rescue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rescue.kb.KbJson;
import dev.rescue.model.Task;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.InjectionMode;
import dev.rescue.serve.SecurityContextService;
import dev.rescue.serve.http.ProxyConfig;
import dev.rescue.serve.http.ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rescue bench --proxy}: the real proxy ({@link ProxyServer} over the real pipeline) in front
 * of a stub upstream that answers every chat request after a fixed delay, driven by clients in the
 * same JVM. Measures the process's CPU per request (with a run straight to the stub subtracted, so
 * that the clients' and the stub's own work is not charged to the proxy), and the proxy's overhead
 * (client latency minus the stub's delay) at several client counts. Every request's task text is
 * distinct, so the embedding cache answers none of them.
 */
final class ProxyBench {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final List<Task> tasks;
  private final long upstreamMs;
  private final AtomicInteger serial = new AtomicInteger();

  ProxyBench(List<Task> tasks, long upstreamMs) {
    this.tasks = List.copyOf(tasks);
    this.upstreamMs = upstreamMs;
  }

  /** One client count's run. */
  record Level(int clients, int requests, int errors, double seconds, double throughput,
               BenchReport.Latency overheadMs, double cpuMsPerRequest) {}

  /**
   * What one proxy bench measured.
   *
   * @param cpuMs net CPU per request (process CPU minus the same requests sent straight to the stub):
   *     {@code chat} through /v1/chat/completions, {@code security_context} through
   *     /v1/security-context, {@code pipeline} the in-process context() call alone (no HTTP)
   * @param capacity requests per second the cores would sustain at the chat CPU per request
   */
  record Report(int tasks, long upstreamMs, int cores, String kb, String embedder, int sequentialRequests,
                CpuMs cpuMs, double capacity, List<Level> levels, String loadBefore, String loadAfter) {
    record CpuMs(double chat, double securityContext, double pipeline, double direct) {}

    String text() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "proxy bench: %d tasks, kb %s, embedder %s, stub upstream %d ms, %d cores%n",
          tasks, kb, embedder, upstreamMs, cores));
      b.append(String.format(Locale.ROOT, "CPU per request (%d one at a time, net of the same requests sent straight to the stub, %.2f ms):%n",
          sequentialRequests, cpuMs.direct()));
      b.append(String.format(Locale.ROOT, "  chat completion   %6.2f ms   (capacity %.0f req/s on %d cores)%n", cpuMs.chat(), capacity, cores));
      b.append(String.format(Locale.ROOT, "  security-context  %6.2f ms%n", cpuMs.securityContext()));
      b.append(String.format(Locale.ROOT, "  pipeline alone    %6.2f ms   (context() in-process, no HTTP)%n", cpuMs.pipeline()));
      b.append("clients  requests  errors  throughput   overhead p50    p95   CPU/request\n");
      for (Level l : levels) {
        b.append(String.format(Locale.ROOT, "%7d  %8d  %6d  %6.1f/s   %9.1f ms %6.1f ms  %6.2f ms%n", l.clients(), l.requests(),
            l.errors(), l.throughput(), l.overheadMs().p50(), l.overheadMs().p95(), l.cpuMsPerRequest()));
      }
      b.append("load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append(System.lineSeparator());
      return b.toString();
    }

    String json() {
      try {
        return KbJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  Report run(SecurityContextService service, String kb, String embedder, int warmup, int sequential,
      List<Integer> clientCounts, int requestsPerLevel) throws Exception {
    String loadBefore = loadAverage();
    try (StubUpstream upstream = new StubUpstream(upstreamMs);
         ProxyServer proxy = new ProxyServer(new ProxyConfig("127.0.0.1", 0, upstream.base(), null, null,
             ProxyConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(60)), service).start()) {
      URI chat = URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions");
      URI context = URI.create("http://127.0.0.1:" + proxy.port() + "/v1/security-context");
      URI direct = URI.create(upstream.base() + "/chat/completions");
      HttpClient http = client();
      // warm-up: model, index, JIT, connections
      for (int i = 0; i < warmup * tasks.size(); i++) {
        send(http, direct, chatBody(next()));
        send(http, chat, chatBody(next()));
        send(http, context, contextBody(next()));
      }
      // CPU per request, one request at a time (nothing else of the bench runs meanwhile)
      double directCpu = cpuPerRequest(sequential, i -> sendOk(http, direct, chatBody(next())));
      double chatCpu = cpuPerRequest(sequential, i -> sendOk(http, chat, chatBody(next())));
      double contextCpu = cpuPerRequest(sequential, i -> sendOk(http, context, contextBody(next())));
      double pipelineCpu = cpuPerRequest(sequential, i -> service.context(next()));
      Report.CpuMs cpu = new Report.CpuMs(chatCpu - directCpu, contextCpu - directCpu, pipelineCpu, directCpu);
      int cores = Runtime.getRuntime().availableProcessors();

      List<Level> levels = new ArrayList<>();
      for (int clients : clientCounts) {
        levels.add(level(chat, clients, Math.max(1, (requestsPerLevel + clients - 1) / clients), directCpu));
      }
      return new Report(tasks.size(), upstreamMs, cores, kb, embedder, sequential, cpu,
          cores * 1000.0 / cpu.chat(), levels, loadBefore, loadAverage());
    }
  }

  private Level level(URI chat, int clients, int requestsPerClient, double directCpu) throws Exception {
    List<Double> overheads = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long cpu0 = OS.getProcessCpuTime();
      long t0 = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          HttpClient http = client();
          for (int r = 0; r < requestsPerClient; r++) {
            long s = System.nanoTime();
            try {
              HttpResponse<String> res = send(http, chat, chatBody(next()));
              if (res.statusCode() == 200) {
                overheads.add((System.nanoTime() - s) / 1e6 - upstreamMs);
              } else {
                errors.incrementAndGet();
              }
            } catch (IOException e) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) f.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      int total = clients * requestsPerClient;
      double cpuMs = (OS.getProcessCpuTime() - cpu0) / 1e6 / total - directCpu;
      return new Level(clients, total, errors.get(), seconds, total / seconds, BenchReport.Latency.of(overheads), cpuMs);
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Call {
    void run(int i) throws Exception;
  }

  /** Process CPU (every thread: the server's, ONNX Runtime's, the client's) per call, in ms. */
  private static double cpuPerRequest(int n, Call call) throws Exception {
    long cpu0 = OS.getProcessCpuTime();
    for (int i = 0; i < n; i++) call.run(i);
    return (OS.getProcessCpuTime() - cpu0) / 1e6 / n;
  }

  /** The next task, its text made unique so that no request is answered from the embedding cache. */
  private Task next() {
    int n = serial.getAndIncrement();
    Task t = tasks.get(n % tasks.size());
    String mark = " (bench request " + n + ")";
    boolean textless = t.task().isBlank();
    return new Task(t.id() + "#" + n, textless ? t.task() : t.task() + mark,
        textless && t.code() != null ? t.code() + "\n" + (t.language() == null ? "#" : t.language().lineComment()) + mark + "\n" : t.code(),
        t.language());
  }

  /** A chat request as a coding assistant sends it: the task, and its code in a fenced block. */
  static String chatBody(Task t) {
    ObjectNode body = ResultJson.MAPPER.createObjectNode();
    body.put("model", "bench-coder");
    ArrayNode messages = body.putArray("messages");
    StringBuilder content = new StringBuilder(t.task());
    if (t.code() != null) {
      content.append("\n```").append(t.language() == null ? "" : t.language().id()).append('\n').append(t.code()).append("\n```");
    }
    messages.addObject().put("role", "user").put("content", content.toString());
    return body.toString();
  }

  private static String contextBody(Task t) {
    ObjectNode body = ResultJson.MAPPER.createObjectNode();
    body.put("id", t.id());
    body.put("task", t.task());
    if (t.code() != null) body.put("code", t.code());
    if (t.language() != null) body.put("language", t.language().id());
    return body.toString();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private static HttpResponse<String> send(HttpClient http, URI uri, String body) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A request of the sequential runs must succeed: a failing one would make the CPU figure meaningless. */
  private static void sendOk(HttpClient http, URI uri, String body) throws IOException {
    HttpResponse<String> res = send(http, uri, body);
    if (res.statusCode() != 200) {
      throw new IllegalStateException("bench request to " + uri.getPath() + " answered " + res.statusCode() + ": " + res.body());
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** An OpenAI-compatible upstream that answers every chat request with the same short completion after a delay. */
  static final class StubUpstream implements AutoCloseable {
    private static final byte[] ANSWER = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench-coder\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"```python\\nprint('ok')\\n```\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
        .getBytes(StandardCharsets.UTF_8);

    static {
      // without TCP_NODELAY the JDK server's separate header and body writes meet the client's
      // delayed ACK and add about 40 ms to every answer, which would be charged to the proxy
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final long delayMs;

    StubUpstream(long delayMs) throws IOException {
      this.delayMs = delayMs;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
      threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-upstream");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(threads);
      server.createContext("/v1/chat/completions", this::chat);
      server.start();
    }

    URI base() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private void chat(HttpExchange ex) throws IOException {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
      }
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, ANSWER.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(ANSWER);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** The client counts of {@code --clients}, e.g. {@code 1,8,32}. */
  static List<Integer> clientCounts(String spec) {
    List<Integer> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      int n;
      try {
        n = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) throw new IllegalArgumentException("--clients: '" + part.strip() + "' is not a positive number (expected e.g. 1,8,32)");
      out.add(n);
    }
    return out;
  }
}

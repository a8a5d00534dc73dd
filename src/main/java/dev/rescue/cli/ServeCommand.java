package dev.rescue.cli;

import dev.rescue.serve.InjectionMode;
import dev.rescue.serve.SecurityContextService;
import dev.rescue.serve.http.ProxyConfig;
import dev.rescue.serve.http.ProxyServer;
import dev.rescue.internal.RedactedUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Run an OpenAI-compatible proxy that puts security context in front of coding requests.",
    description = {
      "Listens for OpenAI chat requests, finds the coding task in each (the last user message, its code",
      "blocks and earlier code in the conversation), retrieves the relevant security guidance without an",
      "LLM, injects it as a system message, and forwards the request to the upstream. The response",
      "carries X-Rescue-CWEs (the CWEs injected) and X-Rescue-Outcome (injected, abstained, not-code).",
      "Requests that are not about code, and abstentions, pass through untouched.",
      "",
      "Routes: POST /v1/chat/completions (streaming or not), GET /v1/models, GET /v1/models/{model},",
      "POST /v1/security-context (a task in, the retrieval result out), GET /healthz. Only these reach",
      "the upstream; a model id is one encoded path segment ('.' and '..' are refused).",
      "",
      "Requests must name the proxy in their Host header (127.0.0.1, localhost, [::1] or --host, with the",
      "port; add names with --allowed-host): a web page cannot drive the proxy through DNS rebinding.",
      "/healthz answers {\"status\":\"ok\"} to anyone; its details need a client key when --api-keys is",
      "given. Credentials in the upstream URL (user:password@, query values) are never shown or logged.",
      "",
      "The upstream key comes from RESCUE_UPSTREAM_API_KEY (or OPENAI_API_KEY) and is never logged. Without",
      "one, a client's own Authorization header is forwarded (only when --api-keys is not used)."},
    footer = {"", "Examples:",
      "  RESCUE_UPSTREAM_API_KEY=sk-... rescue serve --upstream https://api.openai.com/v1",
      "  rescue serve --upstream http://localhost:11434/v1 --port 9000 --inject user-prefix",
      "  rescue serve --host 0.0.0.0 --api-keys keys.txt --upstream http://vllm:8000/v1"})
final class ServeCommand implements Callable<Integer> {
  @Mixin KbOptions kbOptions;
  @Mixin RetrievalSwitches switches;

  @Option(names = "--upstream", paramLabel = "URL",
      description = "Base URL of the OpenAI-compatible upstream, with its /v1 (env RESCUE_UPSTREAM_BASE_URL, then OPENAI_BASE_URL).")
  String upstream;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Interface to listen on. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--api-keys", paramLabel = "FILE",
      description = "Client keys, one a line: clients must send 'Authorization: Bearer KEY'. Required off loopback.")
  Path apiKeys;

  @Option(names = "--no-auth",
      description = "Allow listening off loopback without --api-keys (anyone who reaches the port uses your upstream key).")
  boolean noAuth;

  @Option(names = "--inject", paramLabel = "MODE", defaultValue = "system",
      description = "Where the context goes: system (a system message) or user-prefix (in front of the last user message). Default: ${DEFAULT-VALUE}.")
  String inject;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "8388608",
      description = "Largest request body accepted. Default: ${DEFAULT-VALUE} (8 MiB).")
  long maxBody;

  @Option(names = "--upstream-timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Longest wait for the upstream's answer (between chunks when streaming). Default: ${DEFAULT-VALUE}.")
  long upstreamTimeout;

  @Option(names = "--allowed-host", paramLabel = "NAME",
      description = "Also answer requests whose Host is NAME (any port), e.g. the name of a reverse proxy in front. Repeatable.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Close a connection that takes longer to send a request line and its headers. Default: ${DEFAULT-VALUE}.")
  long headerTimeout;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Close a connection that sends nothing for this long. Default: ${DEFAULT-VALUE}.")
  long idleTimeout;

  /** The environment; a field so that tests can give their own. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    ProxyConfig config = config();
    InjectionMode mode = InjectionMode.parse(inject);
    try (RescueSession s = RescueSession.open(kbOptions, switches, null);
        ProxyServer server = new ProxyServer(config,
            new SecurityContextService(s.rescue, s.kb.kb(), mode)).start()) {
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "rescue-serve-shutdown"));
      stop.await();
    }
    return ExitCodes.OK;
  }

  /** Checks the options before the slow work (loading the KB), so that usage errors come at once. */
  ProxyConfig config() {
    String url = firstNonBlank(upstream, env.get("RESCUE_UPSTREAM_BASE_URL"), env.get("OPENAI_BASE_URL"));
    if (url == null) {
      throw new IllegalArgumentException("no upstream: give --upstream URL (e.g. http://localhost:11434/v1) "
          + "or set RESCUE_UPSTREAM_BASE_URL");
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--upstream " + RedactedUrl.of(url) + ": not a URL (" + RedactedUrl.of(e.getMessage()) + ")");
    }
    if (apiKeys != null) FileArgs.inputFile("--api-keys", apiKeys);
    if (apiKeys == null && !noAuth && !ProxyServer.isLoopback(host)) {
      throw new IllegalArgumentException("--host " + host + " is not loopback: give --api-keys FILE so that only your "
          + "clients can use the upstream, or --no-auth to accept anyone");
    }
    InjectionMode.parse(inject);
    String key = firstNonBlank(env.get("RESCUE_UPSTREAM_API_KEY"), env.get("OPENAI_API_KEY"));
    return new ProxyConfig(host, port, uri, key, apiKeys, maxBody, Duration.ofSeconds(upstreamTimeout), allowedHosts,
        Duration.ofSeconds(headerTimeout), Duration.ofSeconds(idleTimeout));
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v;
    return null;
  }
}

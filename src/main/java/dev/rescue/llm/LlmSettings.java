package dev.rescue.llm;

import dev.rescue.internal.CacheDirs;
import dev.rescue.internal.RedactedUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach the LLM: an OpenAI-compatible server's base URL (as OpenAI clients take it, e.g.
 * {@code http://localhost:11434/v1}), the model, the API key, the per-call time-out, the number of
 * calls in flight, the attempts per call and the response cache folder.
 *
 * <p>Values come from flags (the {@code with*} methods, where a null leaves the value as it is) over
 * the environment: {@code RESCUE_LLM_BASE_URL}, {@code RESCUE_LLM_MODEL}, {@code RESCUE_LLM_API_KEY},
 * falling back to {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}; {@code RESCUE_LLM_TIMEOUT}
 * (seconds) and {@code RESCUE_LLM_CONCURRENCY}. With only an OpenAI key, the base URL is OpenAI's.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param baseUrl null when no LLM is configured
 * @param model null when not set
 * @param apiKey null for servers that need none (Ollama, llama.cpp, vLLM by default)
 * @param cacheDir the response cache folder, or null to disable caching
 */
public record LlmSettings(
    String baseUrl, String model, String apiKey, Duration timeout, int concurrency, int maxAttempts, Path cacheDir) {

  public static final String ENV_BASE_URL = "RESCUE_LLM_BASE_URL";
  public static final String ENV_MODEL = "RESCUE_LLM_MODEL";
  public static final String ENV_API_KEY = "RESCUE_LLM_API_KEY";
  public static final String ENV_TIMEOUT = "RESCUE_LLM_TIMEOUT";
  public static final String ENV_CONCURRENCY = "RESCUE_LLM_CONCURRENCY";
  public static final String ENV_OPENAI_BASE_URL = "OPENAI_BASE_URL";
  public static final String ENV_OPENAI_API_KEY = "OPENAI_API_KEY";
  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  public LlmSettings {
    baseUrl = normalizeBaseUrl(blankToNull(baseUrl));
    model = blankToNull(model);
    apiKey = blankToNull(apiKey);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("LLM timeout must be positive, was " + timeout);
    if (concurrency < 1) throw new IllegalArgumentException("LLM concurrency must be at least 1, was " + concurrency);
    if (maxAttempts < 1) throw new IllegalArgumentException("LLM max attempts must be at least 1, was " + maxAttempts);
  }

  /** No LLM; defaults for everything else. */
  public static LlmSettings none() {
    return new LlmSettings(null, null, null, DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS, defaultCacheDir());
  }

  /** Settings from the process environment. */
  public static LlmSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Settings from {@code env} (see the class comment for the names).
   *
   * @throws IllegalArgumentException naming the variable when a value is malformed
   */
  public static LlmSettings fromEnvironment(Map<String, String> env) {
    String key = first(env, ENV_API_KEY, ENV_OPENAI_API_KEY);
    String base = first(env, ENV_BASE_URL, ENV_OPENAI_BASE_URL);
    // OpenAI's own clients default to api.openai.com when only a key is given; do the same.
    if (base == null && blankToNull(env.get(ENV_OPENAI_API_KEY)) != null) base = OPENAI_BASE_URL;
    Duration timeout = DEFAULT_TIMEOUT;
    String t = blankToNull(env.get(ENV_TIMEOUT));
    if (t != null) timeout = Duration.ofSeconds(positiveInt(ENV_TIMEOUT, t));
    int concurrency = DEFAULT_CONCURRENCY;
    String c = blankToNull(env.get(ENV_CONCURRENCY));
    if (c != null) concurrency = positiveInt(ENV_CONCURRENCY, c);
    return new LlmSettings(base, blankToNull(env.get(ENV_MODEL)), key, timeout, concurrency, DEFAULT_MAX_ATTEMPTS,
        defaultCacheDir());
  }

  /** {@code llm} in the rescue cache ({@link CacheDirs}). */
  public static Path defaultCacheDir() {
    return CacheDirs.of("llm");
  }

  public LlmSettings withBaseUrl(String url) {
    return url == null ? this : new LlmSettings(url, model, apiKey, timeout, concurrency, maxAttempts, cacheDir);
  }

  public LlmSettings withModel(String m) {
    return m == null ? this : new LlmSettings(baseUrl, m, apiKey, timeout, concurrency, maxAttempts, cacheDir);
  }

  public LlmSettings withApiKey(String key) {
    return key == null ? this : new LlmSettings(baseUrl, model, key, timeout, concurrency, maxAttempts, cacheDir);
  }

  public LlmSettings withTimeout(Duration t) {
    return t == null ? this : new LlmSettings(baseUrl, model, apiKey, t, concurrency, maxAttempts, cacheDir);
  }

  public LlmSettings withConcurrency(Integer c) {
    return c == null ? this : new LlmSettings(baseUrl, model, apiKey, timeout, c, maxAttempts, cacheDir);
  }

  public LlmSettings withMaxAttempts(Integer a) {
    return a == null ? this : new LlmSettings(baseUrl, model, apiKey, timeout, concurrency, a, cacheDir);
  }

  /** {@code dir} replaces the cache folder; use {@link #withoutCache()} to disable it. */
  public LlmSettings withCacheDir(Path dir) {
    return dir == null ? this : new LlmSettings(baseUrl, model, apiKey, timeout, concurrency, maxAttempts, dir);
  }

  public LlmSettings withoutCache() {
    return new LlmSettings(baseUrl, model, apiKey, timeout, concurrency, maxAttempts, null);
  }

  /** True when both a base URL and a model are set. */
  public boolean configured() {
    return baseUrl != null && model != null;
  }

  /**
   * These settings when an LLM is configured.
   *
   * @throws LlmNotConfiguredException saying what is missing and how to set it
   */
  public LlmSettings require() {
    if (configured()) return this;
    String missing = baseUrl == null && model == null ? "no LLM is configured"
        : baseUrl == null ? "no LLM base URL is set (the model is '" + model + "')"
        : "no LLM model is set (the base URL is " + RedactedUrl.of(baseUrl) + ")";
    throw new LlmNotConfiguredException("""
        This command needs an LLM, but %s.
        Point it at any OpenAI-compatible server (OpenAI, DeepSeek, vLLM, Ollama, llama.cpp, LM Studio):
          export %s=http://localhost:11434/v1      # Ollama; vLLM: http://localhost:8000/v1
          export %s=qwen2.5-coder:7b
          export %s=...                            # only if the server needs a key
        (%s and %s are read too when the RESCUE_ ones are unset).
        Commands that work without an LLM: context, retrieve, slice, kb build --no-llm, eval --completions."""
        .formatted(missing, ENV_BASE_URL, ENV_MODEL, ENV_API_KEY, ENV_OPENAI_BASE_URL, ENV_OPENAI_API_KEY));
  }

  /** The base URL as a URI; requires a configured URL. */
  public URI baseUri() {
    if (baseUrl == null) throw new IllegalStateException("no LLM base URL is set");
    return URI.create(baseUrl);
  }

  @Override
  public String toString() {
    return "LlmSettings[baseUrl=" + RedactedUrl.of(baseUrl) + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "[redacted]")
        + ", timeout=" + timeout.toSeconds() + "s, concurrency=" + concurrency + ", maxAttempts=" + maxAttempts
        + ", cacheDir=" + cacheDir + "]";
  }

  private static String normalizeBaseUrl(String url) {
    if (url == null) return null;
    String u = url.trim();
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    // A frequent slip: pasting the endpoint instead of the base.
    if (u.endsWith("/chat/completions")) u = u.substring(0, u.length() - "/chat/completions".length());
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      // the parser's message repeats the URL: redacted as well, and no cause that would print it whole
      throw new IllegalArgumentException("LLM base URL is not a URL: '" + RedactedUrl.of(url) + "' ("
          + RedactedUrl.of(e.getMessage()) + ")");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("LLM base URL must be an http(s) URL like http://localhost:11434/v1, was '"
          + RedactedUrl.of(url) + "'");
    }
    return u;
  }

  private static String first(Map<String, String> env, String a, String b) {
    String v = blankToNull(env.get(a));
    return v != null ? v : blankToNull(env.get(b));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int positiveInt(String name, String value) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= 1) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive whole number, was '" + value + "'");
  }
}

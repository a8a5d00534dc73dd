package dev.rescue.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-disk cache of chat answers, shared by every command. The key is the SHA-256 of a canonical
 * JSON of everything that determines an answer: the endpoint (the base URL, normalised), the effective
 * model, the messages and the parameters (temperature, top_p, max_tokens, JSON mode). The endpoint is
 * part of it because a model name says little across servers: "qwen2.5-coder:7b" on one Ollama and on
 * another may be different quantisations, and a run against a new server must reach that server. The
 * API key is not part of it: it grants access, it does not change the answer.
 *
 * <p>Entries live at {@code <dir>/<first two hex digits>/<hash>.json}. Each is written to a temporary
 * file in the same folder and then moved into place, so a run killed mid-write leaves either no entry
 * or a whole one, and a rerun reuses every answer that was complete. An unreadable entry (written by
 * hand, or by another version) is treated as a miss and overwritten.
 *
 * <p>Answers are cached whatever their content: callers that reject an answer must change the
 * request (e.g. add a correction message) rather than resend it, or they get the same answer back.
 */
public final class CachingLlmClient extends DelegatingLlmClient {
  private static final Logger LOG = LoggerFactory.getLogger(CachingLlmClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bump when the key's recipe changes, so old entries are never misread. */
  private static final int KEY_VERSION = 2;

  private final Path dir;
  private final String endpoint;

  /** @param baseUrl the server the delegate calls, e.g. {@code http://localhost:11434/v1} */
  public CachingLlmClient(LlmClient delegate, Path dir, String baseUrl) {
    super(delegate);
    this.dir = Objects.requireNonNull(dir, "dir");
    this.endpoint = normalizeEndpoint(Objects.requireNonNull(baseUrl, "baseUrl"));
  }

  /**
   * The base URL as the key sees it: scheme and host in lower case, the default port dropped, no
   * trailing slash, so that spellings of one server share their entries.
   */
  static String normalizeEndpoint(String baseUrl) {
    URI u;
    try {
      u = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      return baseUrl.strip();
    }
    if (u.getScheme() == null || u.getHost() == null) return baseUrl.strip();
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public ChatResult chat(ChatRequest request) {
    String key = key(request);
    Path entry = dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    ChatResult hit = read(entry);
    if (hit != null) {
      LOG.debug("LLM cache hit {}", key);
      return hit;
    }
    ChatResult fresh = delegate.chat(request);
    write(entry, fresh);
    return new ChatResult(fresh.content(), fresh.model(), false);
  }

  /** The hex SHA-256 that names the cache entry of {@code request}. */
  public String key(ChatRequest request) {
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("v", KEY_VERSION);
    canonical.put("endpoint", endpoint);
    canonical.put("model", effectiveModel(request));
    ArrayNode messages = canonical.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    canonical.put("temperature", request.temperature());
    if (request.topP() != null) canonical.put("top_p", request.topP());
    if (request.maxTokens() != null) canonical.put("max_tokens", request.maxTokens());
    canonical.put("json", request.jsonMode());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("cannot compute the LLM cache key", e);
    }
  }

  private static ChatResult read(Path entry) {
    if (!Files.isRegularFile(entry)) return null;
    try {
      JsonNode node = JSON.readTree(entry.toFile());
      JsonNode content = node == null ? null : node.get("content");
      if (content == null || !content.isTextual()) {
        LOG.warn("ignoring malformed LLM cache entry {}", entry);
        return null;
      }
      return new ChatResult(content.asText(), node.path("model").asText(""), true);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable LLM cache entry {}: {}", entry, e.getMessage());
      return null;
    }
  }

  private static void write(Path entry, ChatResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("content", result.content());
    node.put("model", result.model());
    try {
      Files.createDirectories(entry.getParent());
      Path tmp = Files.createTempFile(entry.getParent(), entry.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, JSON.writeValueAsBytes(node));
        try {
          Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // The answer is still good; only its reuse is lost.
      LOG.warn("cannot write LLM cache entry {}: {}", entry, e.getMessage());
    }
  }
}

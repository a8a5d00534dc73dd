package dev.rescue.serve.http;

import java.nio.charset.StandardCharsets;

/**
 * A path the proxy forwards to, relative to the upstream's base URL: the fixed allow-list of
 * {@code POST /chat/completions}, {@code GET /models} and {@code GET /models/{model}}. The
 * {@link UpstreamClient} only takes these, so a client can choose among the proxy's routes but can
 * never steer the operator's key to another path: the one value a client puts in a path (a model id)
 * is one percent-encoded segment, and a dot segment is refused before it could climb out of
 * {@code /models/}.
 */
final class UpstreamPath {
  private final String method;
  private final String path;

  private UpstreamPath(String method, String path) {
    this.method = method;
    this.path = path;
  }

  static UpstreamPath chatCompletions() {
    return new UpstreamPath("POST", "/chat/completions");
  }

  static UpstreamPath models() {
    return new UpstreamPath("GET", "/models");
  }

  /**
   * {@code GET /models/{id}}, the id (as the client's path decoded it) encoded as one segment.
   *
   * @throws ProxyError 400 for an empty id, {@code .} or {@code ..}, or an id with control characters
   */
  static UpstreamPath model(String id) {
    if (id == null || id.isEmpty()) throw ProxyError.badRequest("invalid_model", "empty model id");
    // an id with a slash (Hugging Face's org/model) is fine encoded, but an upstream that decodes
    // %2F before routing would see its dot segments as steps: refuse them in any piece of the id
    for (String piece : id.split("[/\\\\]", -1)) {
      if (piece.equals(".") || piece.equals("..")) {
        throw ProxyError.badRequest("invalid_model", "invalid model id '" + id
            + "': '.' and '..' are path steps, not parts of a model id");
      }
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw ProxyError.badRequest("invalid_model", "invalid model id: it contains a control character");
      }
    }
    return new UpstreamPath("GET", "/models/" + encodeSegment(id));
  }

  String method() {
    return method;
  }

  /** The path to append to the base URL, already encoded. */
  String path() {
    return path;
  }

  /**
   * RFC 3986 percent-encoding of one path segment: everything but unreserved characters and
   * {@code :} (in model ids such as {@code llama3:8b}) is encoded, so {@code /}, {@code ?},
   * {@code #} and {@code %} stay data.
   */
  static String encodeSegment(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}

package dev.rescue.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.ResultJson;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a JSON request body within the size limit, refusing with the right status: 415 for a content
 * type other than JSON, 413 for a body over the limit (before reading it when the client declared its
 * length), 400 for malformed JSON or a body that is not an object.
 */
final class JsonBody {
  private JsonBody() {}

  static ObjectNode read(Context ctx, long maxBytes) {
    String type = ctx.req().getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new ProxyError(415, "invalid_request_error", "unsupported_media_type",
          "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'"));
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge(ctx, declared + " bytes", maxBytes);
    byte[] bytes = readAtMost(ctx, maxBytes);
    JsonNode n;
    try {
      n = ResultJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw ProxyError.badRequest("invalid_json", "malformed JSON in the request body: " + firstLine(e.getMessage()));
    }
    if (n == null || !n.isObject()) throw ProxyError.badRequest("invalid_json", "the request body must be a JSON object");
    return (ObjectNode) n;
  }

  private static byte[] readAtMost(Context ctx, long maxBytes) {
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) throw tooLarge(ctx, "more than " + maxBytes + " bytes", maxBytes);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ProxyError.badRequest("body_unreadable", "could not read the request body: " + e.getMessage());
    }
  }

  private static ProxyError tooLarge(Context ctx, String size, long max) {
    // the rest of the body is not read: the connection cannot be reused
    ctx.header("Connection", "close");
    return new ProxyError(413, "invalid_request_error", "request_too_large",
        "the request body is " + size + "; the limit is " + max + " bytes (--max-body)");
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

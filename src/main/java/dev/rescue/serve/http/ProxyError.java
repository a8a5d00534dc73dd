package dev.rescue.serve.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.ResultJson;

/**
 * A request the proxy answers with an error of its own, in OpenAI's shape:
 * {@code {"error": {"message", "type", "param", "code"}}}, so that every OpenAI client shows the
 * message instead of failing to parse the body.
 */
final class ProxyError extends RuntimeException {
  final int status;
  final String type;
  final String code;

  ProxyError(int status, String type, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
  }

  static ProxyError badRequest(String code, String message) {
    return new ProxyError(400, "invalid_request_error", code, message);
  }

  ObjectNode body() {
    return body(getMessage(), type, code);
  }

  static ObjectNode body(String message, String type, String code) {
    ObjectNode o = ResultJson.MAPPER.createObjectNode();
    ObjectNode e = o.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.putNull("param");
    if (code == null) e.putNull("code"); else e.put("code", code);
    return o;
  }
}

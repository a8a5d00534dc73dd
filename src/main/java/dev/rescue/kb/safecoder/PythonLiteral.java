package dev.rescue.kb.safecoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parser for the Python literals some SafeCoder rows carry instead of JSON (a {@code line_changes}
 * written as {@code repr(dict)}: single-quoted strings, {@code True}/{@code False}/{@code None},
 * tuples). Only literals: dicts, lists, tuples, strings, numbers, booleans and None.
 */
final class PythonLiteral {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final String s;
  private int pos;

  private PythonLiteral(String s) {
    this.s = s;
  }

  /** The literal as a JSON tree; throws {@link IllegalArgumentException} saying where it is wrong. */
  static JsonNode parse(String text) {
    PythonLiteral p = new PythonLiteral(text);
    JsonNode value = p.value();
    p.skipSpace();
    if (p.pos != text.length()) throw p.error("unexpected text after the literal");
    return value;
  }

  private JsonNode value() {
    skipSpace();
    if (pos >= s.length()) throw error("unexpected end");
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return dict();
      case '[':
        return sequence('[', ']');
      case '(':
        return sequence('(', ')');
      case '\'':
      case '"':
        return NODES.textNode(string());
      default:
        break;
    }
    if (s.startsWith("True", pos)) {
      pos += 4;
      return NODES.booleanNode(true);
    }
    if (s.startsWith("False", pos)) {
      pos += 5;
      return NODES.booleanNode(false);
    }
    if (s.startsWith("None", pos)) {
      pos += 4;
      return NODES.nullNode();
    }
    return number();
  }

  private ObjectNode dict() {
    ObjectNode obj = NODES.objectNode();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return obj;
      }
      JsonNode key = value();
      skipSpace();
      expect(':');
      obj.set(key.asText(), value());
      skipSpace();
      if (peek() == ',') pos++;
      else if (peek() != '}') throw error("expected ',' or '}'");
    }
  }

  private ArrayNode sequence(char open, char close) {
    ArrayNode arr = NODES.arrayNode();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == close) {
        pos++;
        return arr;
      }
      arr.add(value());
      skipSpace();
      if (peek() == ',') pos++;
      else if (peek() != close) throw error("expected ',' or '" + close + "'");
    }
  }

  private String string() {
    char quote = s.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == quote) return sb.toString();
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= s.length()) break;
      char e = s.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '0' -> sb.append('\0');
        case '\\', '\'', '"' -> sb.append(e);
        case 'x' -> sb.append((char) hex(2));
        case 'u' -> sb.append((char) hex(4));
        case 'U' -> sb.appendCodePoint(hex(8));
        default -> sb.append('\\').append(e);
      }
    }
    throw error("unterminated string");
  }

  private int hex(int digits) {
    if (pos + digits > s.length()) throw error("short escape");
    int v = Integer.parseInt(s.substring(pos, pos + digits), 16);
    pos += digits;
    return v;
  }

  private JsonNode number() {
    int start = pos;
    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) pos++;
    String t = s.substring(start, pos);
    if (t.isEmpty()) throw error("unexpected character '" + s.charAt(start) + "'");
    try {
      if (t.matches("[+-]?\\d+")) return NODES.numberNode(Long.parseLong(t));
      return NODES.numberNode(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw error("bad number '" + t + "'");
    }
  }

  private char peek() {
    if (pos >= s.length()) throw error("unexpected end");
    return s.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not a Python literal: " + what + " at offset " + pos);
  }
}

package dev.rescue.kb.mitre;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The code of an {@code <Example_Code>} block as plain lines. MITRE writes code as XHTML: a line ends
 * at {@code <br/>} or at a {@code <div>} boundary, and indentation is a nested
 * {@code <div style="margin-left:1em;">}; the XML's own pretty-printing (a newline and spaces between
 * tags) is not code and is dropped. Each em of margin becomes {@link #INDENT}.
 */
final class ExampleCodeText {
  static final String INDENT = "  ";
  private static final Pattern MARGIN = Pattern.compile("margin-left\\s*:\\s*([0-9.]+)\\s*em");
  private static final Pattern LAYOUT_WHITESPACE = Pattern.compile("[\\r\\n]+[ \\t]*");

  private final List<String> lines = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();
  private final Deque<Integer> margins = new ArrayDeque<>();
  private int indent;
  private boolean content;

  private ExampleCodeText() {}

  /** Reads the current element to its end tag. */
  static String read(XMLStreamReader r) throws XMLStreamException {
    ExampleCodeText t = new ExampleCodeText();
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          t.start(r.getLocalName(), r.getAttributeValue(null, "style"));
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          if (depth > 0) t.end(r.getLocalName());
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> t.text(r.getText());
        default -> { }
      }
    }
    return t.finish();
  }

  private void start(String element, String style) {
    if (element.equals("br")) {
      newLine();
    } else if (element.equals("div")) {
      if (content) newLine();
      margins.push(indent);
      indent += ems(style);
    }
  }

  private void end(String element) {
    if (element.equals("div")) {
      if (content) newLine();
      indent = margins.isEmpty() ? 0 : margins.pop();
    }
  }

  private void text(String raw) {
    String t = LAYOUT_WHITESPACE.matcher(raw).replaceAll("");
    if (!content) {
      t = t.stripLeading();
      if (t.isEmpty()) return;
      line.append(INDENT.repeat(indent));
      content = true;
    }
    line.append(t);
  }

  private void newLine() {
    lines.add(content ? line.toString().stripTrailing() : "");
    line.setLength(0);
    content = false;
  }

  private String finish() {
    if (content) newLine();
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      boolean blank = l.isEmpty();
      if (blank && (out.isEmpty() || out.get(out.size() - 1).isEmpty())) continue; // no leading or doubled blank lines
      out.add(l);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return String.join("\n", out);
  }

  private static int ems(String style) {
    if (style == null) return 0;
    Matcher m = MARGIN.matcher(style);
    return m.find() ? (int) Math.round(Double.parseDouble(m.group(1))) : 0;
  }
}

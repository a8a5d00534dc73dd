package dev.rescue.kb.mitre;

import dev.rescue.model.CweIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * MITRE's CWE list ({@code cwec_v4.14.xml}, namespace {@code http://cwe.mitre.org/cwe-7}): names,
 * descriptions, potential mitigations and the {@code ChildOf} hierarchy of view 1000. Read with StAX
 * in one pass (the file is 14 MB; a DOM would take several times that in memory). XHTML markup
 * inside descriptions is flattened to text, paragraphs separated by blank lines.
 */
public final class MitreCatalog {
  public static final String NAMESPACE = "http://cwe.mitre.org/cwe-7";
  /** The Research Concepts view, whose ChildOf links form the hierarchy used for parent/child matching. */
  public static final String RESEARCH_VIEW = "1000";

  private final Map<String, CweDefinition> byId;

  private MitreCatalog(Map<String, CweDefinition> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  public static MitreCatalog read(Path xml) {
    if (!Files.isRegularFile(xml)) {
      throw new IllegalArgumentException("CWE catalogue " + xml + " does not exist or is not a file");
    }
    try (InputStream in = Files.newInputStream(xml)) {
      return read(in, xml.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the CWE catalogue " + xml + ": " + e.getMessage(), e);
    }
  }

  public static MitreCatalog read(InputStream in, String name) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // The catalogue is data, never a reason to fetch anything: no DTDs, no external entities.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    Map<String, CweDefinition> out = new LinkedHashMap<>();
    try {
      XMLStreamReader r = f.createXMLStreamReader(in);
      boolean sawRoot = false;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
        if (!sawRoot) {
          if (!"Weakness_Catalog".equals(r.getLocalName()) || !NAMESPACE.equals(r.getNamespaceURI())) {
            throw new IllegalArgumentException(name + " is not a MITRE CWE catalogue (root <"
                + r.getLocalName() + "> in namespace " + r.getNamespaceURI() + ", expected <Weakness_Catalog> in "
                + NAMESPACE + ")");
          }
          sawRoot = true;
          continue;
        }
        if ("Weakness".equals(r.getLocalName())) {
          CweDefinition d = weakness(r);
          out.put(d.cwe(), d);
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("the CWE catalogue " + name + " is not valid XML: " + e.getMessage(), e);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("the CWE catalogue " + name + " holds no weaknesses");
    return new MitreCatalog(out);
  }

  /** Reads one {@code <Weakness>} element; the reader is left on its end tag. */
  private static CweDefinition weakness(XMLStreamReader r) throws XMLStreamException {
    String id = CweIds.normalize(r.getAttributeValue(null, "ID"));
    String name = r.getAttributeValue(null, "Name");
    String description = "";
    String extended = "";
    List<String> mitigations = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (ev != XMLStreamConstants.START_ELEMENT) continue;
      String el = r.getLocalName();
      switch (el) {
        // Only the weakness's own texts: observed examples and others nest their own <Description>.
        case "Description" -> {
          if (depth == 1) description = text(r);
          else depth++;
        }
        case "Extended_Description" -> {
          if (depth == 1) extended = text(r);
          else depth++;
        }
        case "Related_Weakness" -> {
          if ("ChildOf".equals(r.getAttributeValue(null, "Nature"))
              && RESEARCH_VIEW.equals(r.getAttributeValue(null, "View_ID"))) {
            parents.add(CweIds.normalize(r.getAttributeValue(null, "CWE_ID")));
          }
          depth++;
        }
        case "Potential_Mitigations" -> {
          if (depth == 1) mitigations(r, mitigations);
          else depth++;
        }
        default -> depth++;
      }
    }
    return new CweDefinition(id, name, description, extended, mitigations, parents);
  }

  private static void mitigations(XMLStreamReader r, List<String> out) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        if ("Description".equals(r.getLocalName())) {
          String t = text(r);
          if (!t.isBlank()) out.add(t);
        } else {
          depth++;
        }
      }
    }
  }

  /** The text of the current element and its descendants; block elements become paragraph breaks. */
  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String el = r.getLocalName();
          if (el.equals("p") || el.equals("li") || el.equals("br") || el.equals("div")) paragraph(sb);
        }
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          String t = r.getText().replaceAll("\\s+", " ");
          if (sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n') t = t.stripLeading();
          sb.append(t);
        }
        default -> { }
      }
    }
    return sb.toString().replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  private static void paragraph(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && sb.charAt(n - 1) == ' ') sb.setLength(--n);
    if (n > 0 && !(n >= 2 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\n')) {
      sb.append(sb.charAt(n - 1) == '\n' ? "\n" : "\n\n");
    }
  }

  public Optional<CweDefinition> get(String cwe) {
    return Optional.ofNullable(byId.get(CweIds.normalize(cwe)));
  }

  public Collection<CweDefinition> all() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }
}

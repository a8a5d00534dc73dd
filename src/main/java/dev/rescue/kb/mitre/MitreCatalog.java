package dev.rescue.kb.mitre;

import dev.rescue.kb.mitre.CweDefinition.DemonstrativeExample;
import dev.rescue.kb.mitre.CweDefinition.ExampleCode;
import dev.rescue.kb.mitre.CweDefinition.Mitigation;
import dev.rescue.kb.mitre.CweDefinition.ObservedExample;
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
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * MITRE's CWE list ({@code cwec_v4.14.xml}, namespace {@code http://cwe.mitre.org/cwe-7}): names,
 * descriptions, potential mitigations with their phases, observed and demonstrative examples and the
 * {@code ChildOf} hierarchy of view 1000. Read with StAX
 * in one pass (the file is 14 MB; a DOM would take several times that in memory). XHTML markup
 * inside descriptions is flattened to text, paragraphs separated by blank lines.
 */
public final class MitreCatalog {
  public static final String NAMESPACE = "http://cwe.mitre.org/cwe-7";
  /** The Research Concepts view, whose ChildOf links form the hierarchy used for parent/child matching. */
  public static final String RESEARCH_VIEW = "1000";

  private final Map<String, CweDefinition> byId;
  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final String version;
  private final String date;

  private MitreCatalog(Map<String, CweDefinition> byId, String version, String date) {
    this.byId = Collections.unmodifiableMap(byId);
    this.version = version;
    this.date = date;
    for (CweDefinition d : byId.values()) {
      for (String p : d.parents()) children.computeIfAbsent(p, k -> new ArrayList<>()).add(d.cwe());
    }
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
    String version = "";
    String date = "";
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
          version = Objects.requireNonNullElse(r.getAttributeValue(null, "Version"), "");
          date = Objects.requireNonNullElse(r.getAttributeValue(null, "Date"), "");
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
    return new MitreCatalog(out, version, date);
  }

  /** Reads one {@code <Weakness>} element; the reader is left on its end tag. */
  private static CweDefinition weakness(XMLStreamReader r) throws XMLStreamException {
    String id = CweIds.normalize(r.getAttributeValue(null, "ID"));
    String name = r.getAttributeValue(null, "Name");
    String status = Objects.requireNonNullElse(r.getAttributeValue(null, "Status"), "");
    String abstraction = Objects.requireNonNullElse(r.getAttributeValue(null, "Abstraction"), "");
    String[] description = {""};
    String[] extended = {""};
    List<Mitigation> mitigations = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    List<ObservedExample> observed = new ArrayList<>();
    List<DemonstrativeExample> demonstrative = new ArrayList<>();
    // Only the weakness's own texts: observed examples and others nest their own <Description>.
    children(r, el -> {
      switch (el) {
        case "Description" -> description[0] = text(r);
        case "Extended_Description" -> extended[0] = text(r);
        case "Related_Weaknesses" -> children(r, rel -> {
          if ("ChildOf".equals(r.getAttributeValue(null, "Nature"))
              && RESEARCH_VIEW.equals(r.getAttributeValue(null, "View_ID"))) {
            parents.add(CweIds.normalize(r.getAttributeValue(null, "CWE_ID")));
          }
          skip(r);
        });
        case "Potential_Mitigations" -> children(r, m -> mitigations.add(mitigation(r)));
        case "Observed_Examples" -> children(r, o -> observedExample(r).ifPresent(observed::add));
        case "Demonstrative_Examples" -> children(r, d -> demonstrative.add(demonstrativeExample(r)));
        default -> skip(r);
      }
    });
    return new CweDefinition(id, name, status, abstraction, description[0], extended[0], mitigations, parents, observed, demonstrative);
  }

  private static Mitigation mitigation(XMLStreamReader r) throws XMLStreamException {
    List<String> phases = new ArrayList<>();
    String[] description = {""};
    children(r, el -> {
      switch (el) {
        case "Phase" -> phases.add(text(r));
        case "Description" -> description[0] = text(r);
        default -> skip(r);
      }
    });
    return new Mitigation(phases, description[0]);
  }

  private static Optional<ObservedExample> observedExample(XMLStreamReader r) throws XMLStreamException {
    String[] ref = {""};
    String[] description = {""};
    children(r, el -> {
      switch (el) {
        case "Reference" -> ref[0] = text(r);
        case "Description" -> description[0] = text(r);
        default -> skip(r);
      }
    });
    return description[0].isBlank() ? Optional.empty() : Optional.of(new ObservedExample(ref[0], description[0]));
  }

  private static DemonstrativeExample demonstrativeExample(XMLStreamReader r) throws XMLStreamException {
    String[] intro = {""};
    List<ExampleCode> codes = new ArrayList<>();
    children(r, el -> {
      switch (el) {
        case "Intro_Text" -> intro[0] = text(r);
        case "Example_Code" -> {
          String nature = Objects.requireNonNullElse(r.getAttributeValue(null, "Nature"), "");
          String language = Objects.requireNonNullElse(r.getAttributeValue(null, "Language"), "");
          codes.add(new ExampleCode(nature, language, ExampleCodeText.read(r)));
        }
        default -> skip(r);
      }
    });
    return new DemonstrativeExample(intro[0], codes);
  }

  /** Reads the direct children of the current element, each fully consumed by {@code child}; stops on its end tag. */
  private static void children(XMLStreamReader r, Child child) throws XMLStreamException {
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) return;
      if (ev == XMLStreamConstants.START_ELEMENT) child.read(r.getLocalName());
    }
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) depth++;
      else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  @FunctionalInterface
  private interface Child {
    void read(String element) throws XMLStreamException;
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

  /** The weaknesses whose {@code ChildOf} (view 1000) names {@code cwe}, in catalogue order. */
  public List<String> children(String cwe) {
    return List.copyOf(children.getOrDefault(CweIds.normalize(cwe), List.of()));
  }

  /** The catalogue's version, {@code 4.14}, from its root element. */
  public String version() {
    return version;
  }

  /** The catalogue's date, {@code 2024-02-29}. */
  public String date() {
    return date;
  }

  public Collection<CweDefinition> all() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }
}

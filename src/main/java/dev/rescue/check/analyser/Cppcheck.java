package dev.rescue.check.analyser;

import dev.rescue.check.Severity;
import dev.rescue.model.Language;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Cppcheck (C/C++). Its XML report (version 2) carries a {@code cwe} attribute per error. */
public final class Cppcheck implements Analyser {
  /** Reports about cppcheck's own run, not the code. */
  private static final Set<String> ABOUT_THE_RUN = Set.of("missingInclude", "missingIncludeSystem", "checkersReport");

  @Override
  public String name() {
    return "cppcheck";
  }

  @Override
  public boolean supports(Language language) {
    return language == Language.C || language == Language.CPP;
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("cppcheck");
  }

  @Override
  public List<AnalyserFinding> analyse(Path program, Language language, Duration timeout) {
    ToolRunner.Output out = ToolRunner.run(List.of("cppcheck", "--enable=warning,portability", "--inconclusive",
        "--xml", "--xml-version=2", "--language=" + (language == Language.CPP ? "c++" : "c"),
        program.getFileName().toString()), program.getParent(), timeout);
    try {
      return parse(out.stderr());
    } catch (Exception e) {
      throw new AnalyserException("cppcheck gave no XML report (exit " + out.exit() + "): " + ToolRunner.tail(out.stderr()));
    }
  }

  public static List<AnalyserFinding> parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // cppcheck writes its progress ("Checking a.c ...") to stderr too, between the XML elements
    int start = xml.indexOf("<?xml");
    var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(start > 0 ? xml.substring(start) : xml)));
    NodeList errors = doc.getElementsByTagName("error");
    List<AnalyserFinding> findings = new ArrayList<>();
    for (int i = 0; i < errors.getLength(); i++) {
      Element e = (Element) errors.item(i);
      String id = e.getAttribute("id");
      if (ABOUT_THE_RUN.contains(id)) continue;
      String cwe = e.getAttribute("cwe");
      NodeList loc = e.getElementsByTagName("location");
      Element first = loc.getLength() > 0 ? (Element) loc.item(0) : null;
      int line = first == null ? 0 : parseInt(first.getAttribute("line"));
      int column = first == null ? 0 : parseInt(first.getAttribute("column"));
      boolean inconclusive = "true".equals(e.getAttribute("inconclusive"));
      findings.add(new AnalyserFinding("cppcheck", id, cwe.isEmpty() ? List.of() : List.of("CWE-" + cwe), line, column,
          level(e.getAttribute("severity"), cwe), inconclusive ? 0.4 : 0.8, e.getAttribute("msg")));
    }
    return findings;
  }

  /**
   * CWEs cppcheck tags code-quality and resource findings with, not weaknesses an attacker uses: poor
   * quality (398), dead or always-true/false code (561, 570, 571), unused values (563), and leaks
   * (401, 772, 775, 404), which cppcheck reports as errors. They stay findings, as hints.
   */
  private static final Set<String> QUALITY = Set.of("398", "561", "563", "570", "571", "401", "772", "775", "404", "1164");

  static Severity level(String severity, String cwe) {
    if (QUALITY.contains(cwe)) return Severity.LOW;
    return switch (severity) {
      case "error" -> Severity.HIGH;
      case "warning" -> Severity.MEDIUM;
      default -> Severity.LOW; // style, performance, portability, information
    };
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

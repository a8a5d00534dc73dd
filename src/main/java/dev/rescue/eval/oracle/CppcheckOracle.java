package dev.rescue.eval.oracle;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Cppcheck (C/C++). Its XML report (version 2) carries a {@code cwe} attribute per error. */
public final class CppcheckOracle implements SecurityOracle {
  @Override
  public String name() {
    return "cppcheck";
  }

  @Override
  public boolean supports(String language) {
    return "c".equals(language) || "cpp".equals(language);
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("cppcheck");
  }

  @Override
  public List<Finding> analyse(Path program, String language, CodeqlQuery query) {
    ToolRunner.Output out = ToolRunner.run(List.of("cppcheck", "--enable=warning,portability", "--inconclusive",
        "--xml", "--xml-version=2", "--language=" + ("cpp".equals(language) ? "c++" : "c"),
        program.getFileName().toString()), program.getParent(), 120);
    try {
      return parse(out.stderr());
    } catch (Exception e) {
      throw new OracleException("cppcheck gave no XML report (exit " + out.exit() + "): " + BanditOracle.tail(out.stderr()));
    }
  }

  static List<Finding> parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    NodeList errors = doc.getElementsByTagName("error");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < errors.getLength(); i++) {
      Element e = (Element) errors.item(i);
      String id = e.getAttribute("id");
      if (id.equals("missingInclude") || id.equals("missingIncludeSystem") || id.equals("checkersReport")) continue;
      String cwe = e.getAttribute("cwe");
      NodeList loc = e.getElementsByTagName("location");
      int line = loc.getLength() > 0 ? parseInt(((Element) loc.item(0)).getAttribute("line")) : 0;
      findings.add(new Finding("cppcheck", id, cwe.isEmpty() ? List.of() : List.of("CWE-" + cwe), line,
          e.getAttribute("msg")));
    }
    return findings;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

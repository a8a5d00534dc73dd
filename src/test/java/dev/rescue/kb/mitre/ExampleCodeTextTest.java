package dev.rescue.kb.mitre;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class ExampleCodeTextTest {
  private static String code(String xhtml) throws Exception {
    String doc = "<Example_Code xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">" + xhtml + "</Example_Code>";
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    XMLStreamReader r = f.createXMLStreamReader(new StringReader(doc));
    while (r.next() != XMLStreamConstants.START_ELEMENT) { }
    return ExampleCodeText.read(r);
  }

  @Test
  void nestedMarginsBecomeIndentationAndBreaksBecomeLines() throws Exception {
    // MITRE's CWE-120 demonstrative example, as the XML writes it (pretty-printing included)
    String xhtml = "\n   <xhtml:div>void manipulate_string(char * string){<xhtml:div style=\"margin-left:1em;\">"
        + "char buf[24];<xhtml:br/>strcpy(buf, string);<xhtml:br/>\n      ...</xhtml:div>}</xhtml:div>\n";
    assertThat(code(xhtml)).isEqualTo("void manipulate_string(char * string){\n  char buf[24];\n  strcpy(buf, string);\n  ...\n}");
  }

  @Test
  void layoutWhitespaceBetweenTagsIsNotCodeButSpacesInALineAre() throws Exception {
    String xhtml = "<xhtml:div>if (a &lt; b) {<xhtml:div style=\"margin-left:2em;\">\n         <xhtml:i>x = a  +  b;</xhtml:i>"
        + "</xhtml:div>}<xhtml:br/>\n   <xhtml:br/>\n   <xhtml:br/>return x;</xhtml:div>";
    assertThat(code(xhtml)).isEqualTo("if (a < b) {\n    x = a  +  b;\n}\n\nreturn x;");
  }
}

package dev.rescue.check.analyser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cppcheck's XML report read into findings: errors are HIGH unless their CWE is one of code quality or leaks. */
class CppcheckTest {
  private static final String REPORT = """
      Checking a.c ...
      <?xml version="1.0" encoding="UTF-8"?>
      <results version="2">
        <cppcheck version="2.13.0"/>
        <errors>
          <error id="arrayIndexOutOfBounds" severity="error" msg="Array 'b[4]' accessed at index 9, which is out of bounds." cwe="788">
            <location file="a.c" line="5" column="3"/>
          </error>
          <error id="memleakOnRealloc" severity="error" msg="Common realloc mistake: 'p' nulled but not freed upon failure" cwe="401">
            <location file="a.c" line="9" column="5"/>
          </error>
          <error id="identicalConditionAfterEarlyExit" severity="warning" msg="Identical condition 'p==NULL'" cwe="398">
            <location file="a.c" line="12" column="9"/>
          </error>
          <error id="missingIncludeSystem" severity="information" msg="Include file not found"/>
        </errors>
      </results>
      """;

  @Test
  void anOutOfBoundsErrorIsHighAndLeaksAndQualityFindingsAreHints() throws Exception {
    List<AnalyserFinding> fs = Cppcheck.parse(REPORT);
    assertThat(fs).extracting(AnalyserFinding::rule)
        .containsExactly("arrayIndexOutOfBounds", "memleakOnRealloc", "identicalConditionAfterEarlyExit");
    assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(fs.get(0).cwes()).containsExactly("CWE-788");
    assertThat(fs.get(0).line()).isEqualTo(5);
    assertThat(fs.get(1).severity()).isEqualTo(Severity.LOW);
    assertThat(fs.get(2).severity()).isEqualTo(Severity.LOW);
  }
}

package dev.rescue.kb.curated;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rescue.model.Language;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Issue 4's content rules for every curated file: the fields, their limits and the pairs' shape. */
class CuratedKbStructureTest {
  static final int GUIDELINE_MAX_WORDS = 120;
  static final int CAUSE_MAX_WORDS = 80;
  static final int EXAMPLE_MAX_LINES = 20;
  static final Set<Language> EXAMPLE_LANGUAGES = Set.of(
      Language.PYTHON, Language.C, Language.CPP, Language.JAVA, Language.JAVASCRIPT, Language.GO);

  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  @TestFactory
  Stream<DynamicTest> everyFileHasTheFieldsOfTheSchemaWithinTheirLimits() {
    return FILES.stream().map(f -> DynamicTest.dynamicTest(f.fileName(), () -> checkFields(f)));
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsAParallelPairWithinTwentyLines() {
    return FILES.stream().filter(f -> f.entry() != null)
        .map(f -> DynamicTest.dynamicTest(f.fileName(), () -> checkExamples(f.fileName(), f.entry())));
  }

  @TestFactory
  Stream<DynamicTest> everyNameIsMitresOfficialName() {
    Optional<MitreCatalog> catalog = MitreCatalog.load();
    Requires.that(catalog.isPresent(), "no CWE catalog at " + MitreCatalog.defaultPath());
    return FILES.stream().filter(f -> f.entry() != null).map(f -> DynamicTest.dynamicTest(f.fileName(), () -> {
      Optional<String> official = catalog.get().name(f.entry().cwe());
      assertThat(official).as("%s: %s is not a weakness of the catalog", f.fileName(), f.entry().cwe()).isPresent();
      assertThat(f.entry().name()).as("%s: name", f.fileName()).isEqualTo(official.get());
    }));
  }

  @Test
  void causesAreDistinctSoThatTasksCanTellTheCwesApart() {
    Map<String, String> firstFileByCause = new HashMap<>();
    for (CuratedFile f : FILES) {
      if (f.entry() == null || f.entry().cause() == null) continue;
      String key = f.entry().cause().trim().toLowerCase().replaceAll("\\s+", " ");
      String other = firstFileByCause.putIfAbsent(key, f.fileName());
      if (other != null) fail(f.fileName() + " has the same cause as " + other);
    }
  }

  @Test
  void noTwoFilesDescribeTheSameCwe() {
    Set<String> seen = new HashSet<>();
    for (CuratedFile f : FILES) {
      if (f.entry() == null) continue;
      assertThat(seen.add(f.entry().cwe())).as("%s repeats %s", f.fileName(), f.entry().cwe()).isTrue();
    }
  }

  private static void checkFields(CuratedFile f) {
    assertThat(f.loadError()).as("%s does not load", f.fileName()).isNull();
    CuratedEntry e = f.entry();
    String file = f.fileName();
    assertThat(e.cwe()).as("%s: cwe", file).isNotNull().matches("CWE-\\d+");
    String expectedFile = String.format("cwe-%03d.yaml", Integer.parseInt(e.cwe().substring(4)));
    assertThat(file).as("file name of %s", e.cwe()).isEqualTo(expectedFile);
    assertThat(e.name()).as("%s: name", file).isNotBlank();
    assertThat(e.guideline()).as("%s: guideline", file).isNotBlank();
    assertThat(words(e.guideline())).as("%s: words in the guideline", file).isLessThanOrEqualTo(GUIDELINE_MAX_WORDS);
    assertThat(e.cause()).as("%s: cause", file).isNotBlank();
    assertThat(words(e.cause())).as("%s: words in the cause", file).isLessThanOrEqualTo(CAUSE_MAX_WORDS);
    assertThat(e.apis()).as("%s: apis", file).isNotEmpty();
    for (Map.Entry<String, CuratedEntry.ApiSet> api : e.apis().entrySet()) {
      Optional<Language> lang = Language.fromId(api.getKey());
      assertThat(lang).as("%s: apis key '%s' is not a language id", file, api.getKey()).isPresent();
      assertThat(lang.get().id()).as("%s: apis key '%s' must be the short id", file, api.getKey()).isEqualTo(api.getKey());
      assertThat(api.getValue()).as("%s: apis.%s", file, api.getKey()).isNotNull();
      assertThat(api.getValue().risky().size() + api.getValue().safe().size())
          .as("%s: apis.%s lists no call", file, api.getKey()).isPositive();
      Set<String> overlap = new HashSet<>(api.getValue().risky());
      overlap.retainAll(api.getValue().safe());
      assertThat(overlap).as("%s: apis.%s calls both risky and safe", file, api.getKey()).isEmpty();
    }
    assertThat(e.examples()).as("%s: examples", file).isNotEmpty();
  }

  private static void checkExamples(String file, CuratedEntry e) {
    for (int i = 0; i < e.examples().size(); i++) {
      CuratedEntry.Example ex = e.examples().get(i);
      String where = file + " example " + i;
      Optional<Language> lang = Language.fromId(ex.language());
      assertThat(lang).as("%s: language '%s'", where, ex.language()).isPresent();
      assertThat(EXAMPLE_LANGUAGES).as("%s: language", where).contains(lang.get());
      assertThat(lang.get().id()).as("%s: language must be the short id", where).isEqualTo(ex.language());
      assertThat(e.apis()).as("%s: no apis for the example's language", where).containsKey(ex.language());
      assertThat(ex.description()).as("%s: description", where).isNotBlank();
      assertThat(ex.vulnerable()).as("%s: vulnerable", where).isNotBlank();
      assertThat(ex.secure()).as("%s: secure", where).isNotBlank();
      assertThat(ex.secure().strip()).as("%s: secure must differ from vulnerable", where)
          .isNotEqualTo(ex.vulnerable().strip());
      assertThat(lines(ex.vulnerable()).size()).as("%s: lines of vulnerable", where).isLessThanOrEqualTo(EXAMPLE_MAX_LINES);
      assertThat(lines(ex.secure()).size()).as("%s: lines of secure", where).isLessThanOrEqualTo(EXAMPLE_MAX_LINES);
      Set<String> shared = new HashSet<>(lines(ex.vulnerable()));
      shared.retainAll(lines(ex.secure()));
      // A parallel pair keeps its context: at least a third of the shorter side is shared verbatim.
      int shorter = Math.min(lines(ex.vulnerable()).size(), lines(ex.secure()).size());
      assertThat(shared.size() * 3).as("%s: vulnerable and secure share too few lines to be a parallel pair", where)
          .isGreaterThanOrEqualTo(shorter);
      if (!ex.headers().isEmpty()) {
        assertThat(lang.get()).as("%s: headers are for C and C++ only", where).isIn(Language.C, Language.CPP);
      }
    }
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** The non-blank lines of an example, trailing spaces dropped. */
  static List<String> lines(String code) {
    return code.strip().lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
  }
}

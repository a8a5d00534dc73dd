package dev.rescue.kb.curated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.FrontEnds;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gates that need the project's own tree-sitter front-ends: every example parses with no error
 * node, and no secure example calls an API its CWE lists as risky.
 */
class CuratedKbTreeSitterTest {
  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  @TestFactory
  Stream<DynamicTest> everyExampleParsesWithItsGrammarWithNoErrorNodes() {
    return examples().map(x -> DynamicTest.dynamicTest(x.label(), () -> {
      LanguageFrontEnd fe = frontEnd(x.language());
      assertThat(fe.parsesCleanly(x.example().vulnerable()))
          .as("%s: vulnerable side has parse errors", x.label()).isTrue();
      assertThat(fe.parsesCleanly(x.example().secure()))
          .as("%s: secure side has parse errors", x.label()).isTrue();
    }));
  }

  @TestFactory
  Stream<DynamicTest> noSecureExampleCallsAnApiItsCweListsAsRisky() {
    return examples().map(x -> DynamicTest.dynamicTest(x.label(), () -> {
      CuratedEntry.ApiSet apis = x.entry().apis().get(x.example().language());
      // an example in a language its entry lists no APIs for is also a structure-gate failure
      assertThat(apis).as("%s: no apis for its language", x.label()).isNotNull();
      Set<String> called = ApiExtractor.apiCalls(x.example().secure(), x.language());
      Set<String> risky = new HashSet<>(apis.risky());
      risky.retainAll(called);
      assertThat(risky).as("%s: secure side calls risky APIs (it calls %s)", x.label(), called).isEmpty();
    }));
  }

  /** One example with its file, for naming the dynamic tests. */
  record Located(String file, CuratedEntry entry, int index, CuratedEntry.Example example, Language language) {
    String label() {
      return file + " example " + index + " (" + language.id() + ")";
    }
  }

  private static Stream<Located> examples() {
    List<Located> out = new ArrayList<>();
    for (CuratedFile f : FILES) {
      if (f.entry() == null) continue;
      List<CuratedEntry.Example> exs = f.entry().examples();
      for (int i = 0; i < exs.size(); i++) {
        Optional<Language> lang = Language.fromId(exs.get(i).language());
        if (lang.isPresent() && exs.get(i).vulnerable() != null && exs.get(i).secure() != null) {
          out.add(new Located(f.fileName(), f.entry(), i, exs.get(i), lang.get()));
        }
      }
    }
    return out.stream();
  }

  private static LanguageFrontEnd frontEnd(Language lang) {
    Optional<LanguageFrontEnd> fe = FrontEnds.of(lang);
    // an example no front-end reads could never be found by its code or API facets
    assertThat(fe).as("front-end for " + lang.id()).isPresent();
    return fe.get();
  }


}

package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

  @Test
  void recognisesEachLanguageFromATypicalSnippet() {
    assertThat(LanguageGuesser.guess("""
        import yaml
        def load(path):
            with open(path) as f:
                return yaml.load(f)
        """)).contains(Language.PYTHON);
    assertThat(LanguageGuesser.guess("""
        #include <string.h>
        int copy(char *dst, const char *src) {
            strcpy(dst, src);
            return 0;
        }
        """)).contains(Language.C);
    assertThat(LanguageGuesser.guess("""
        #include <string>
        int run(const std::string& cmd) {
            return std::system(cmd.c_str());
        }
        """)).contains(Language.CPP);
    assertThat(LanguageGuesser.guess("""
        public class Runner {
            public static void main(String[] args) throws Exception {
                Runtime.getRuntime().exec(args[0]);
            }
        }
        """)).contains(Language.JAVA);
    assertThat(LanguageGuesser.guess("""
        const cp = require('child_process');
        function run(cmd) {
          cp.exec(cmd, (err, out) => console.log(out));
        }
        """)).contains(Language.JAVASCRIPT);
    assertThat(LanguageGuesser.guess("""
        package main
        func run(cmd string) error {
            out, err := exec.Command(cmd).Output()
            if err != nil { return err }
            fmt.Println(string(out))
            return nil
        }
        """)).contains(Language.GO);
  }

  @Test
  void anIndentedPythonMethodIsPython() {
    assertThat(LanguageGuesser.guess("""
            def _run(self, cmd):
                return self._ssh(cmd)
        """)).contains(Language.PYTHON);
  }

  @Test
  void plainCWithoutIncludesIsCNotCpp() {
    assertThat(LanguageGuesser.guess("""
        static int sum(int *a, int n)
        {
            int s = 0;
            for (int i = 0; i < n; i++) s += a[i];
            return s;
        }
        """)).contains(Language.C);
  }

  @Test
  void proseBlankAndNullGiveNoGuess() {
    assertThat(LanguageGuesser.guess("Write a function that reads a config file safely.")).isEmpty();
    assertThat(LanguageGuesser.guess("   \n")).isEmpty();
    assertThat(LanguageGuesser.guess(null)).isEmpty();
  }
}

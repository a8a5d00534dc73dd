package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  static final EvalTask TASK = new EvalTask("t", Language.C, "CWE-20", "#include <stdio.h>\n\nint f(int x) {\n    // BEGIN SOLUTION\n",
      Path.of("t_task.c"), null, null, null);

  @Test
  void anAnswerRepeatingThePromptBecomesTheCompletionAfterIt() {
    Completion c = SampleGenerator.toCompletion("none", TASK, 3,
        "#include <stdio.h>\n\nint f(int x) {\n    // BEGIN SOLUTION\n    return x;\n}\n");
    assertThat(c.completion()).isEqualTo("    return x;\n}\n");
    assertThat(c.program()).isNull();
    assertThat(c.sample()).isEqualTo(3);
  }

  @Test
  void anAnswerWithOnlyTheBodyIsAppendedAsIs() {
    Completion c = SampleGenerator.toCompletion("rescue", TASK, 0, "    return x + 1;\n}\n");
    assertThat(c.completion()).isEqualTo("    return x + 1;\n}\n");
    assertThat(c.method()).isEqualTo("rescue");
  }
}

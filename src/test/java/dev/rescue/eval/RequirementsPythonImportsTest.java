package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequirementsPythonImportsTest {
  @Test
  void everyModuleOfAnImportStatementIsANeed() {
    assertThat(Requirements.pythonImports("import os, sys as system\nfrom xml.etree import ElementTree\n"
        + "    import numpy as np  # indented, with a comment\nimport cwe_020_0_task\nfrom __future__ import annotations\n"))
        .containsExactly("os", "sys", "xml", "numpy");
  }

  @Test
  void proseInADocstringIsNoImport() {
    // BigCodeBench's docstrings: "import the ...", "from a list of ..."
    assertThat(Requirements.pythonImports("def f():\n    \"\"\"\n    import the data, then\n"
        + "    from a list of numbers pick each one\n    \"\"\"\n")).isEmpty();
  }
}

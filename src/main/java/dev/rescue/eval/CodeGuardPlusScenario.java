package dev.rescue.eval;

import dev.rescue.eval.oracle.CodeqlQuery;
import java.nio.file.Path;

/**
 * One CodeGuard+ scenario, {@code data/base/cwe-XXX/N-LANG/}, with what scoring its samples needs.
 *
 * @param task the task: id {@code cwe-XXX/N-LANG}, language and CWE from info.json, prompt
 *     {@code file_context + func_context} verbatim (as generate.py builds it)
 * @param unitTestDir {@code unit_test/cwe-XXX/N-LANG}: functional.py and the files it reads
 * @param query the scenario's CodeQL query ({@code check_ql}), or null when it has none
 */
record CodeGuardPlusScenario(EvalTask task, Path unitTestDir, CodeqlQuery query) {
  String id() {
    return task.id();
  }

  /** {@code cwe-XXX}, the folder of the scenario's CWE. */
  String cweFolder() {
    return id().substring(0, id().indexOf('/'));
  }

  /** {@code N-LANG}, the scenario's own folder. */
  String scenarioFolder() {
    return id().substring(id().indexOf('/') + 1);
  }

  Path functionalTest() {
    return unitTestDir.resolve("functional.py");
  }
}

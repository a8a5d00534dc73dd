package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One HumanEval+ task as evalplus releases it: the prompt to complete, the function to call, the
 * canonical solution whose outputs are the expected ones, and the base (HumanEval's) and plus
 * (evalplus's added) inputs, each a list of positional arguments.
 *
 * @param atol the task's float tolerance, 0 when it has none
 */
record HumanEvalPlusProblem(String id, String prompt, String entryPoint, String canonicalSolution,
    ArrayNode baseInputs, ArrayNode plusInputs, double atol) {
  /** evalplus checks HumanEval/32 with its own oracle (see {@link EvalPlusRules}). */
  static final String FIND_ZERO = "find_zero";

  HumanEvalPlusProblem {
    if (entryPoint == null || entryPoint.isBlank()) throw new IllegalArgumentException(id + ": no entry_point");
    for (JsonNode in : baseInputs) requireArguments(id, in);
    for (JsonNode in : plusInputs) requireArguments(id, in);
  }

  private static void requireArguments(String id, JsonNode in) {
    if (!in.isArray()) throw new IllegalArgumentException(id + ": an input is not a list of arguments: " + in);
  }

  int inputCount() {
    return baseInputs.size() + plusInputs.size();
  }

  /** Input i of base followed by plus. */
  JsonNode input(int i) {
    return i < baseInputs.size() ? baseInputs.get(i) : plusInputs.get(i - baseInputs.size());
  }

  ArrayNode allInputs() {
    ArrayNode all = baseInputs.arrayNode(inputCount());
    all.addAll(baseInputs);
    all.addAll(plusInputs);
    return all;
  }

  boolean isFindZero() {
    return FIND_ZERO.equals(entryPoint);
  }

  String referenceProgram() {
    return prompt + canonicalSolution;
  }
}

package dev.rescue.pipeline;

/**
 * The LLM's final answer.
 *
 * @param code the code extracted from the answer (its first fenced block, or the whole answer)
 * @param answer the raw answer
 * @param explanation one sentence on what context was used, for the user
 */
public record Generation(String code, String answer, String explanation) {}

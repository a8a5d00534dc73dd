package dev.rescue.eval;

/**
 * What the repair loop did to one sample, as results.jsonl records it.
 *
 * @param rounds repair requests made
 * @param tokens o200k tokens of those requests and their answers
 * @param kept the round whose candidate is the sample (0: the generated code)
 * @param stop why the loop stopped ({@code clean}, {@code rounds}, {@code tokens}, ...)
 * @param findingsFirst findings that counted against the generated code
 * @param findingsKept findings that count against the kept candidate
 */
public record SampleRepair(int rounds, int tokens, int kept, String stop, int findingsFirst, int findingsKept) {}

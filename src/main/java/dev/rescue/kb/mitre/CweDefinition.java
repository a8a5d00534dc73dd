package dev.rescue.kb.mitre;

import java.util.List;

/**
 * One weakness of MITRE's CWE list.
 *
 * @param cwe normalised id, {@code CWE-89}
 * @param name MITRE's official name
 * @param status MITRE's status ({@code Stable}, {@code Draft}, {@code Incomplete}, {@code Deprecated}, ...)
 * @param abstraction MITRE's abstraction level: {@code Pillar}, {@code Class}, {@code Base}, {@code Variant}
 *     or {@code Compound}; "" when the catalogue gives none
 * @param description the one-paragraph description
 * @param extendedDescription the longer text, paragraphs joined by blank lines; may be empty
 * @param potentialMitigations the potential mitigations, in MITRE's order, each with its phases
 * @param parents the {@code ChildOf} targets in the Research Concepts view (1000), normalised
 * @param observedExamples real vulnerabilities MITRE files under the weakness (CVE id and description)
 * @param demonstrativeExamples MITRE's worked examples: intro text and code blocks
 */
public record CweDefinition(
    String cwe,
    String name,
    String status,
    String abstraction,
    String description,
    String extendedDescription,
    List<Mitigation> potentialMitigations,
    List<String> parents,
    List<ObservedExample> observedExamples,
    List<DemonstrativeExample> demonstrativeExamples) {

  public CweDefinition {
    potentialMitigations = List.copyOf(potentialMitigations);
    parents = List.copyOf(parents);
    observedExamples = List.copyOf(observedExamples);
    demonstrativeExamples = List.copyOf(demonstrativeExamples);
  }

  /** The mitigations' descriptions, every phase, in MITRE's order. */
  public List<String> mitigations() {
    return potentialMitigations.stream().map(Mitigation::description).toList();
  }

  /** @param phases e.g. {@code Implementation}, {@code Architecture and Design} */
  public record Mitigation(List<String> phases, String description) {
    public Mitigation {
      phases = List.copyOf(phases);
    }
  }

  /** @param reference a CVE id, e.g. {@code CVE-2021-42258} */
  public record ObservedExample(String reference, String description) {}

  /** @param codes the example's code blocks in document order (bad, good, attack, informative) */
  public record DemonstrativeExample(String intro, List<ExampleCode> codes) {
    public DemonstrativeExample {
      codes = List.copyOf(codes);
    }
  }

  /**
   * @param nature {@code Bad}, {@code Good}, {@code Attack}, {@code Informative} or {@code Result}
   * @param language MITRE's language name ({@code C}, {@code Java}, {@code Python}, ...), "" when unmarked
   * @param code the code as lines, indentation rebuilt from the XHTML's nested margins (2 spaces per em)
   */
  public record ExampleCode(String nature, String language, String code) {}
}

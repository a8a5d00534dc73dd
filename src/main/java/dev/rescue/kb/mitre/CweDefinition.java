package dev.rescue.kb.mitre;

import java.util.List;

/**
 * One weakness of MITRE's CWE list.
 *
 * @param cwe normalised id, {@code CWE-89}
 * @param name MITRE's official name
 * @param description the one-paragraph description
 * @param extendedDescription the longer text, paragraphs joined by blank lines; may be empty
 * @param mitigations the potential mitigations' descriptions, in MITRE's order
 * @param parents the {@code ChildOf} targets in the Research Concepts view (1000), normalised
 */
public record CweDefinition(
    String cwe,
    String name,
    String description,
    String extendedDescription,
    List<String> mitigations,
    List<String> parents) {

  public CweDefinition {
    mitigations = List.copyOf(mitigations);
    parents = List.copyOf(parents);
  }
}

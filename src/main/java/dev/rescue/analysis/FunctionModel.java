package dev.rescue.analysis;

import dev.rescue.model.Language;
import java.util.List;
import java.util.Set;

/**
 * A parsed function: its signature, parameters and body statements.
 *
 * <p>For code that holds no function (a fragment, a lone statement), {@code name} is empty, the
 * signature lines are 0 and {@code body} holds the top-level statements.
 *
 * @param signatureStartLine first line of the signature (decorators and annotations included), or 0
 * @param signatureEndLine line where the body starts (the line with {@code {} or {@code :}), or 0
 * @param endLine last line of the function (its closing brace, if any)
 * @param hasErrors the parse tree holds error or missing nodes
 */
public record FunctionModel(
    Language language,
    String name,
    int signatureStartLine,
    int signatureEndLine,
    int endLine,
    Set<String> parameters,
    List<Statement> body,
    boolean hasErrors) {

  public FunctionModel {
    parameters = Set.copyOf(parameters);
    body = List.copyOf(body);
  }
}

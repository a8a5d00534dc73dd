package dev.rescue.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.RetrievalResult;
import java.util.List;
import java.util.Objects;

/**
 * What the proxy does with one chat request.
 *
 * @param request the request to forward: the client's own when nothing was injected
 * @param cwes the CWEs whose guidance was injected, best first; empty unless {@link Outcome#INJECTED}
 * @param retrieval the retrieval result, or null when the request was not about code
 */
public record ChatInjection(Outcome outcome, ObjectNode request, List<String> cwes, RetrievalResult retrieval) {
  public enum Outcome {
    /** Security context was added to the request. */
    INJECTED,
    /** The request is about code but needs no security guidance: forwarded untouched. */
    ABSTAINED,
    /** The request is not about code: forwarded untouched, no retrieval ran. */
    NOT_CODE;

    /** The value of the {@code X-Rescue-Outcome} response header. */
    public String header() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public ChatInjection {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(request, "request");
    cwes = List.copyOf(cwes);
  }
}

package dev.rescue.kb.distill;

import dev.rescue.model.Language;
import java.util.Set;

/**
 * The API calls of a piece of code. The production source is the front-ends' {@code ApiExtractor};
 * the distillers depend on this narrow view of it so that they stay independent of parsing.
 */
@FunctionalInterface
public interface ApiCallSource {
  /** The qualified call names in {@code code} (e.g. {@code yaml.load}); empty when it has none. */
  Set<String> apiCalls(String code, Language language);
}

package dev.rescue.kb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rescue.model.ApiSet;
import dev.rescue.model.Provenance;
import java.util.List;

/**
 * The one Jackson configuration of the KB files: snake_case field names (DESIGN §4), map keys sorted
 * so that the same KB always serialises to the same bytes (its hashes and fingerprint depend on it),
 * unknown fields ignored so that a newer writer's extra fields do not break an older reader.
 */
public final class KbJson {
  private static final String NO_NOTICE = "rescue.provenance.no-notice";
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .addMixIn(ApiSet.class, ApiSetMixin.class)
      .addMixIn(Provenance.class, ProvenanceMixin.class)
      .injectableValues(new InjectableValues.Std().addValue(NO_NOTICE, ""))
      .build();

  private KbJson() {}

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@link ApiSet#isEmpty()} is a convenience, not a field of the format. */
  @JsonIgnoreProperties(value = {"empty"}, allowGetters = false)
  private abstract static class ApiSetMixin {}

  /**
   * An entry without a notice is written as before the field existed, so existing KBs keep their
   * bytes, and a KB written before it still loads under the strict reading of {@code KbFolder}: an
   * injected default counts as present for {@code FAIL_ON_MISSING_CREATOR_PROPERTIES}, and the
   * file's value, when there is one, wins ({@code useInput}).
   */
  private abstract static class ProvenanceMixin {
    ProvenanceMixin(List<String> pairs, List<String> commits, List<String> summaries,
        @JacksonInject(value = NO_NOTICE, useInput = OptBoolean.TRUE) String notice) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract String notice();
  }
}

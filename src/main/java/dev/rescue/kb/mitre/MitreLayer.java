package dev.rescue.kb.mitre;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.rescue.model.ApiSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The MITRE-derived KB layer as committed under {@code src/main/curated/mitre/}: the entries
 * {@link MitreLayerGenerator} derives from MITRE's CWE XML and {@link MitreLayerAssembler} puts under
 * the curated KB. A YAML file, a header comment saying it is generated, from which catalogue, and
 * MITRE's notice; then the catalogue's identity and the entries, sorted by CWE number.
 *
 * @param catalog e.g. {@code CWE List 4.14 (2024-02-29)}
 * @param catalogSha256 sha256 of the XML the layer was generated from
 * @param notice MITRE's copyright notice and terms of use, carried into every entry's provenance
 */
public record MitreLayer(String catalog, String catalogSha256, String notice, List<Entry> entries) {
  /** The file the bundled-KB build reads from the {@code mitre} folder beside the curated files. */
  public static final String FILE = "mitre-cwe-layer.yaml";

  public MitreLayer {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /**
   * One CWE.
   *
   * @param selectedBy why it is in the layer: {@code top25}, {@code top25-parent}, {@code top25-child},
   *     or a scanner source of {@code mitre-layer-selection.txt}
   * @param abstraction MITRE's abstraction level ({@code Class}, {@code Base}, ...): only specific
   *     entries become KB entries ({@link MitreLayerAssembler#retrievable}); the others are here for
   *     their guidance, which their descendants fall back to
   * @param parents ChildOf targets in view 1000
   * @param fallback ancestors in view 1000, nearest first: where the guideline comes from when the
   *     entry's own is empty or thin (resolved when the KB is assembled, so a curated ancestor counts)
   * @param guideline condensed implementation-phase mitigations; may be empty
   * @param otherGuideline condensed mitigations of other phases, used only when neither the entry
   *     nor an ancestor has an implementation guideline; empty when {@code guideline} is not
   * @param cause the description and observed examples, condensed
   * @param observed the CVE ids whose descriptions the cause quotes
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Entry(
      String cwe,
      String name,
      List<String> selectedBy,
      String abstraction,
      List<String> parents,
      List<String> fallback,
      String guideline,
      String otherGuideline,
      String cause,
      List<String> observed,
      Map<String, ApiSet> apis,
      List<Example> examples) {
    public Entry {
      Objects.requireNonNull(cwe, "cwe");
      name = Objects.requireNonNullElse(name, "");
      selectedBy = selectedBy == null ? List.of() : List.copyOf(selectedBy);
      abstraction = Objects.requireNonNullElse(abstraction, "");
      parents = parents == null ? List.of() : List.copyOf(parents);
      fallback = fallback == null ? List.of() : List.copyOf(fallback);
      guideline = Objects.requireNonNullElse(guideline, "");
      otherGuideline = Objects.requireNonNullElse(otherGuideline, "");
      cause = Objects.requireNonNullElse(cause, "");
      observed = observed == null ? List.of() : List.copyOf(observed);
      apis = apis == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(apis));
      examples = examples == null ? List.of() : List.copyOf(examples);
    }
  }

  /**
   * A parallel pair from a demonstrative example (its Bad and Good code in one language).
   *
   * @param language language id: py, c, cpp, java, js, go
   * @param description what the code does: the example's intro, condensed
   */
  public record Example(String language, String description, String vulnerable, String secure) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES) // one text a line: reviewable diffs
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // a misspelt field would otherwise drop content silently
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .addMixIn(ApiSet.class, ApiSetMixin.class);

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"empty"}, allowGetters = false)
  private abstract static class ApiSetMixin {}

  /** The file's text: the header comment, then the YAML. Deterministic: the same layer gives the same bytes. */
  public String toYaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("# GENERATED FILE: do not edit. Regenerate with\n")
        .append("#   rescue kb mitre --cwe-xml ../shared/data/cwe/cwec_v4.14.xml --out src/main/curated/mitre/").append(FILE).append('\n')
        .append("# (MitreLayerFileTest fails when this file differs from what the generator makes).\n")
        .append("# Derived from MITRE's ").append(catalog).append(", sha256 ").append(catalogSha256).append(".\n");
    for (String line : notice.split("\n")) sb.append("# ").append(line).append('\n');
    try {
      sb.append(YAML.writeValueAsString(this));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the MITRE layer as YAML: " + e.getMessage(), e);
    }
    return sb.toString();
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, toYaml());
  }

  /** Reads a layer file; an unreadable one is an error naming the file and what is wrong. */
  public static MitreLayer read(Path file) {
    try {
      MitreLayer layer = YAML.readValue(Files.readString(file), MitreLayer.class);
      if (layer == null || layer.entries() == null) throw new IllegalArgumentException(file + ": no entries");
      return layer;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a MITRE layer file: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}

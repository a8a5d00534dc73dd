package dev.rescue.kb.curated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.slicing.LineDiff;
import dev.rescue.internal.Tokens;
import dev.rescue.kb.KbJson;
import dev.rescue.kb.ManifestSchema;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.Sha256;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Assembles the curated authoring files ({@code src/main/curated/cwe-NNN.yaml}, schema in that
 * folder's README) into the bundled KB: one {@link CweEntry} per file ({@code distiller: curated})
 * and one {@link CodeExample} per example, id {@code curated:CWE-502:py} ({@code :2}, {@code :3} for
 * further ones in the same language), source {@code curated}, not sliced ({@code hops} 0), its
 * points of interest the lines where the secure code differs from the vulnerable one, its APIs those
 * of both codes. Gates come from an optional {@code gates.yaml} beside the files (snake_case
 * {@link FusionPolicy} fields, written by calibration), else the paper's values; the learned fusion
 * from an optional {@code fusion.yaml} ({@link FusionModel}, written by {@code rescue fusion train}).
 *
 * <p>Every problem is a {@link CuratedKbException} naming the file and the field, e.g.
 * {@code cwe-502.yaml: examples[1].secure: missing}; unknown fields are errors too, since a typo
 * would otherwise silently drop content. An example's optional {@code headers} (C/C++ includes the
 * authors' compile checks wrap it with) is validated but not part of the KB.
 */
public final class CuratedKbAssembler {
  public static final String GATES_FILE = "gates.yaml";
  /** The learned fusion's weights, beside the gates (written by {@code rescue fusion train}). */
  public static final String FUSION_FILE = "fusion.yaml";
  private static final Pattern FILE_NAME = Pattern.compile("cwe-(\\d{3,5})\\.yaml");
  private static final Set<String> TOP_FIELDS = Set.of("cwe", "name", "guideline", "cause", "apis", "examples");
  private static final Set<String> EXAMPLE_FIELDS = Set.of("language", "description", "vulnerable", "secure", "headers");
  private static final Set<String> API_FIELDS = Set.of("risky", "safe");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CuratedKbAssembler() {}

  /** The curated files of a folder, sorted by CWE number. */
  public static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) throw new CuratedKbException("curated KB folder " + folder + " does not exist");
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> out = new ArrayList<>();
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (FILE_NAME.matcher(n).matches()) {
          out.add(p);
        } else if (n.toLowerCase(java.util.Locale.ROOT).matches("cwe.*\\.ya?ml")) {
          throw new CuratedKbException(n + ": curated files are named cwe-NNN.yaml (zero-padded to three digits)");
        }
      }
      out.sort(Comparator.comparingInt(CuratedKbAssembler::number));
      return out;
    } catch (IOException e) {
      throw new CuratedKbException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The KB of every {@code cwe-*.yaml} in {@code folder}.
   *
   * @param embedder the embedder recorded in the manifest (the one its index is built with)
   */
  public static KnowledgeBase assemble(Path folder, KbManifest.EmbedderInfo embedder, String created) {
    List<CweEntry> cwes = new ArrayList<>();
    List<CodeExample> examples = new ArrayList<>();
    List<KbManifest.Source> sources = new ArrayList<>();
    for (Path file : files(folder)) {
      Assembled a = assembleFile(file);
      cwes.add(a.entry());
      examples.addAll(a.examples());
      sources.add(new KbManifest.Source("curated:" + file.getFileName(), Sha256.of(file)));
    }
    if (cwes.isEmpty()) throw new CuratedKbException("curated KB folder " + folder + " holds no cwe-NNN.yaml file");
    FusionPolicy gates = FusionPolicy.paperDefaults();
    Path gatesFile = folder.resolve(GATES_FILE);
    if (Files.isRegularFile(gatesFile)) {
      gates = readGates(gatesFile);
      sources.add(new KbManifest.Source("curated:" + GATES_FILE, Sha256.of(gatesFile)));
    }
    FusionModel fusion = null;
    Path fusionFile = folder.resolve(FUSION_FILE);
    if (Files.isRegularFile(fusionFile)) {
      fusion = readFusion(fusionFile);
      sources.add(new KbManifest.Source("curated:" + FUSION_FILE, Sha256.of(fusionFile)));
    }
    KbManifest manifest = new KbManifest(KbManifest.FORMAT_VERSION, created, sources, embedder, gates, Map.of(), Map.of(),
        fusion);
    return new KnowledgeBase(manifest, cwes, examples);
  }

  /** One file's CWE entry and examples. */
  public record Assembled(CweEntry entry, List<CodeExample> examples) {}

  public static Assembled assembleFile(Path file) {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CuratedKbException(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.isObject()) throw new CuratedKbException(name + ": expected a mapping with cwe, name, guideline, cause, apis, examples");
    unknownFields(name, "", root, TOP_FIELDS);
    String cwe;
    try {
      cwe = CweIds.normalize(text(name, root, "cwe", ""));
    } catch (IllegalArgumentException e) {
      throw new CuratedKbException(name + ": cwe: " + e.getMessage(), e);
    }
    Matcher m = FILE_NAME.matcher(name);
    if (m.matches() && Integer.parseInt(m.group(1)) != CweIds.number(cwe)) {
      throw new CuratedKbException(name + ": cwe: " + cwe + " does not match the file name");
    }
    String title = text(name, root, "name", "");
    String guideline = text(name, root, "guideline", "");
    String cause = text(name, root, "cause", "");
    Map<String, ApiSet> apis = apis(name, root.get("apis"));

    JsonNode ex = root.get("examples");
    if (ex == null || !ex.isArray() || ex.isEmpty()) throw new CuratedKbException(name + ": examples: at least one example is required");
    List<CodeExample> examples = new ArrayList<>();
    Map<Language, Integer> perLanguage = new HashMap<>();
    for (int i = 0; i < ex.size(); i++) {
      String where = "examples[" + (i + 1) + "]";
      JsonNode e = ex.get(i);
      if (!e.isObject()) throw new CuratedKbException(name + ": " + where + ": expected a mapping");
      unknownFields(name, where + ".", e, EXAMPLE_FIELDS);
      String langText = text(name, e, "language", where + ".");
      Language lang = Language.fromId(langText).orElseThrow(() -> new CuratedKbException(
          name + ": " + where + ".language: unknown language '" + langText + "' (py, c, cpp, java, js, go)"));
      String description = text(name, e, "description", where + ".");
      String vulnerable = text(name, e, "vulnerable", where + ".");
      String secure = text(name, e, "secure", where + ".");
      strings(name, e.get("headers"), where + ".headers"); // extra #includes for the authors' compile checks; not KB content
      if (vulnerable.strip().equals(secure.strip())) {
        throw new CuratedKbException(name + ": " + where + ": vulnerable and secure are the same code");
      }
      int n = perLanguage.merge(lang, 1, Integer::sum);
      String id = "curated:" + cwe + ":" + lang.id() + (n == 1 ? "" : ":" + n);
      Set<String> calls = new LinkedHashSet<>(ApiExtractor.apiCalls(vulnerable, lang));
      calls.addAll(ApiExtractor.apiCalls(secure, lang));
      List<Integer> poi = LineDiff.of(vulnerable, secure).added();
      examples.add(new CodeExample(id, cwe, lang, vulnerable, secure, List.copyOf(calls), poi, 0,
          Tokens.count(secure), "curated", description));
    }
    CweEntry entry = new CweEntry(cwe, title, guideline, cause, apis,
        examples.stream().map(CodeExample::id).toList(), Provenance.none(), "curated");
    return new Assembled(entry, examples);
  }

  private static Map<String, ApiSet> apis(String file, JsonNode node) {
    if (node == null || node.isNull()) throw new CuratedKbException(file + ": apis: missing (a risky/safe list per language)");
    if (!node.isObject()) throw new CuratedKbException(file + ": apis: expected a mapping from language id to risky/safe lists");
    Map<String, ApiSet> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String where = "apis." + f.getKey();
      Language lang = Language.fromId(f.getKey()).orElseThrow(() -> new CuratedKbException(
          file + ": " + where + ": unknown language id '" + f.getKey() + "' (py, c, cpp, java, js, go)"));
      JsonNode set = f.getValue();
      if (set == null || !set.isObject()) throw new CuratedKbException(file + ": " + where + ": expected risky and safe lists");
      unknownFields(file, where + ".", set, API_FIELDS);
      out.put(lang.id(), new ApiSet(strings(file, set.get("risky"), where + ".risky"), strings(file, set.get("safe"), where + ".safe")));
    }
    if (out.isEmpty()) throw new CuratedKbException(file + ": apis: no language listed");
    return out;
  }

  private static List<String> strings(String file, JsonNode node, String where) {
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw new CuratedKbException(file + ": " + where + ": expected a list of call names");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual() || v.asText().isBlank()) {
        throw new CuratedKbException(file + ": " + where + "[" + (i + 1) + "]: expected a call name, found " + v);
      }
      out.add(v.asText().strip());
    }
    return out;
  }

  private static String text(String file, JsonNode parent, String field, String prefix) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) throw new CuratedKbException(file + ": " + prefix + field + ": missing");
    if (!v.isValueNode() || v.isBoolean()) throw new CuratedKbException(file + ": " + prefix + field + ": expected text, found " + v.getNodeType());
    String s = v.asText();
    if (s.isBlank()) throw new CuratedKbException(file + ": " + prefix + field + ": empty");
    return s;
  }

  private static void unknownFields(String file, String prefix, JsonNode node, Set<String> known) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String f = field.getKey();
      if (!known.contains(f)) {
        throw new CuratedKbException(file + ": " + prefix + f + ": unknown field (expected one of " + new java.util.TreeSet<>(known) + ")");
      }
    }
  }

  private static FusionPolicy readGates(Path file) {
    try {
      JsonNode node = YAML.readTree(Files.readString(file));
      // the manifest's rule for its gates: a misspelt or missing key is an error, never a 0
      String violation = node == null ? "empty" : ManifestSchema.gatesViolation(node);
      if (violation != null) throw new CuratedKbException(file.getFileName() + ": " + violation);
      return KbJson.mapper().treeToValue(node, FusionPolicy.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new CuratedKbException(file.getFileName() + ": not a valid fusion policy (alpha, rank_cap, top_k, tau_cause,"
          + " tau_api, tau_code, examples_per_cwe, max_examples): " + e.getMessage(), e);
    }
  }

  private static FusionModel readFusion(Path file) {
    try {
      JsonNode node = YAML.readTree(Files.readString(file));
      String violation = node == null ? "empty" : ManifestSchema.fusionViolation(node);
      if (violation != null) throw new CuratedKbException(file.getFileName() + ": " + violation);
      return KbJson.mapper().treeToValue(node, FusionModel.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new CuratedKbException(file.getFileName() + ": not a valid learned fusion (method, features, weights): "
          + e.getMessage(), e);
    }
  }

  private static int number(Path p) {
    Matcher m = FILE_NAME.matcher(p.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }
}

package dev.rescue.analysis.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.analysis.ApiExtractor;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The security signals of code, per language, as data ({@value #RESOURCE}): what a code prefix imports or
 * includes ({@code pickle}, {@code child_process}, {@code os/exec}, {@code openssl}), the sink calls it makes
 * (as {@link ApiExtractor} names them, through the tree-sitter front-ends), what its code text shows (request
 * objects, SQL strings, buffer arithmetic) and the words of its identifiers ({@code password}, {@code filename}).
 * Comments are prose, the cause facet's business, and are never read here; strings are read by the text
 * patterns only (an SQL string is a signal, a word in a message is not).
 *
 * <p>Ordinary code prefixes (a signature and a doc comment) look like neither the prose neutral tasks nor the
 * weaknesses' causes, so their cause scores alone do not separate them; {@link CodeEvidence#quiet()} is the
 * evidence that they are ordinary, and the neutral gate reads it ({@code quiet_code_margin} in the gates).
 */
public final class CodeSignals {
  static final String RESOURCE = "/dev/rescue/analysis/signals/code-signals.yaml";
  private static final Set<String> KEYS = Set.of("comments", "strings", "imports_in", "module", "imports", "calls",
      "text", "words");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|_+");
  private static volatile CodeSignals bundled;

  /** One language's signals; every pattern compiled and every list checked on load. */
  record Rules(Pattern comments, Pattern strings, Pattern importsIn, Pattern module, Set<String> imports,
      Set<String> calls, Map<String, Pattern> text, Set<String> words) {}

  private final Map<Language, Rules> rules;

  CodeSignals(Map<Language, Rules> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** The bundled signal file, read once. */
  public static CodeSignals bundled() {
    CodeSignals s = bundled;
    if (s == null) {
      try (InputStream in = CodeSignals.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
        s = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), RESOURCE);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      }
      bundled = s;
    }
    return s;
  }

  /** The signals of {@code code} in {@code language}; {@link CodeEvidence#NONE} for no code or an unknown language. */
  public CodeEvidence read(String code, Language language) {
    return read(code, language, ApiExtractor.apiCalls(code, language));
  }

  /**
   * As {@link #read(String, Language)}, with the code's API calls as {@link ApiExtractor} gave them already
   * (the analysis has them: the code is not parsed twice).
   */
  public CodeEvidence read(String code, Language language, java.util.Collection<String> apiCalls) {
    if (code == null || code.isBlank() || language == null) return CodeEvidence.NONE;
    Rules r = rules.get(language);
    if (r == null) return CodeEvidence.NONE;
    String noComments = r.comments().matcher(code).replaceAll(" ");
    Set<String> found = new LinkedHashSet<>();
    Set<String> modules = modules(noComments, r);
    for (String m : modules) {
      for (String signal : r.imports()) {
        if (m.equals(signal) || m.startsWith(signal + ".") || m.startsWith(signal + "/")) found.add("import:" + signal);
      }
    }
    for (String call : apiCalls) {
      if (r.calls().contains(call)) found.add("call:" + call);
    }
    for (Map.Entry<String, Pattern> t : r.text().entrySet()) {
      if (t.getValue().matcher(noComments).find()) found.add("text:" + t.getKey());
    }
    String bare = r.strings().matcher(noComments).replaceAll(" ");
    Matcher id = IDENTIFIER.matcher(bare);
    while (id.find()) {
      for (String w : CAMEL.split(id.group())) {
        String word = w.toLowerCase(Locale.ROOT);
        if (r.words().contains(word)) found.add("word:" + word);
      }
    }
    return new CodeEvidence(true, List.copyOf(found));
  }

  private static Set<String> modules(String code, Rules r) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = r.importsIn().matcher(code);
    while (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) == null) continue;
        Matcher n = r.module().matcher(m.group(g));
        while (n.find()) out.add(n.groupCount() >= 1 && n.group(1) != null ? n.group(1) : n.group());
      }
    }
    return out;
  }

  /**
   * Reads a signal file: {@code common} (merged into every language) and {@code languages}, keyed by
   * language id ({@code py}, {@code c}, ...). A wrong key, a list that is not of strings or a pattern that
   * does not compile is an error naming the file and the place.
   */
  static CodeSignals parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a mapping");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("common") && !k.equals("languages")) {
        throw new IllegalArgumentException(source + ": unknown key '" + k + "' (expected common, languages)");
      }
    }
    JsonNode common = root.path("common");
    JsonNode langs = root.path("languages");
    if (!langs.isObject() || langs.isEmpty()) throw new IllegalArgumentException(source + ": 'languages' must map language ids to signals");
    Map<Language, Rules> out = new EnumMap<>(Language.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = langs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = source + ": languages." + e.getKey();
      Language lang = Language.fromId(e.getKey()).filter(l -> l.id().equals(e.getKey()))
          .orElseThrow(() -> new IllegalArgumentException(where + ": not a language id (py, c, cpp, java, js, go, rb)"));
      out.put(lang, rules(e.getValue(), common, where));
    }
    return new CodeSignals(out);
  }

  private static Rules rules(JsonNode n, JsonNode common, String where) {
    for (JsonNode block : List.of(n, common)) {
      if (block.isMissingNode()) continue;
      if (!block.isObject()) throw new IllegalArgumentException(where + ": expected a mapping");
      for (Iterator<String> it = block.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) throw new IllegalArgumentException(where + ": unknown key '" + k + "' (expected " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
      }
    }
    Map<String, Pattern> text = new LinkedHashMap<>();
    for (JsonNode block : List.of(common, n)) {
      JsonNode t = block.path("text");
      if (t.isMissingNode()) continue;
      if (!t.isObject()) throw new IllegalArgumentException(where + ".text: expected a mapping of names to patterns");
      for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        text.put(e.getKey(), pattern(e.getValue(), where + ".text." + e.getKey()));
      }
    }
    return new Rules(pattern(required(n, "comments", where), where + ".comments"),
        pattern(required(n, "strings", where), where + ".strings"),
        pattern(required(n, "imports_in", where), where + ".imports_in"),
        pattern(required(n, "module", where), where + ".module"),
        strings(n, common, "imports", where), strings(n, common, "calls", where), text,
        strings(n, common, "words", where));
  }

  private static JsonNode required(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null) throw new IllegalArgumentException(where + ": missing key '" + key + "'");
    return v;
  }

  private static Pattern pattern(JsonNode v, String where) {
    if (!v.isTextual()) throw new IllegalArgumentException(where + ": expected a regular expression (a string)");
    try {
      return Pattern.compile(v.asText());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": not a regular expression: " + e.getDescription(), e);
    }
  }

  private static Set<String> strings(JsonNode n, JsonNode common, String key, String where) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode block : List.of(common, n)) {
      JsonNode v = block.path(key);
      if (v.isMissingNode()) continue;
      if (!v.isArray()) throw new IllegalArgumentException(where + "." + key + ": expected a list of strings");
      List<String> items = new ArrayList<>();
      for (JsonNode s : v) {
        if (!s.isTextual() || s.asText().isBlank()) {
          throw new IllegalArgumentException(where + "." + key + ": expected a list of strings, found " + s);
        }
        items.add(key.equals("words") ? s.asText().toLowerCase(Locale.ROOT) : s.asText());
      }
      out.addAll(items);
    }
    return out;
  }
}

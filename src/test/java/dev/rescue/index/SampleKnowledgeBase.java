package dev.rescue.index;

import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import java.util.List;
import java.util.Map;

/** A small hand-written KB: four CWEs, six examples in three languages. */
public final class SampleKnowledgeBase {
  private SampleKnowledgeBase() {}

  public static KnowledgeBase create(String embedderId, int dimension) {
    List<CweEntry> cwes = List.of(
        cwe("CWE-502", "Deserialization of Untrusted Data",
            "Deserializing untrusted data with an unsafe loader lets an attacker construct arbitrary objects and execute code.",
            Map.of("py", new ApiSet(List.of("yaml.load", "pickle.loads"), List.of("yaml.safe_load")))),
        cwe("CWE-89", "SQL Injection",
            "Building SQL queries by concatenating user input lets attackers change the meaning of the query and read or modify the database.",
            Map.of("py", new ApiSet(List.of("cursor.execute"), List.of()),
                "java", new ApiSet(List.of("Statement.executeQuery"), List.of("PreparedStatement.setString")))),
        cwe("CWE-78", "OS Command Injection",
            "Passing user-controlled strings to a shell lets attackers run arbitrary operating system commands.",
            Map.of("py", new ApiSet(List.of("os.system", "subprocess.call"), List.of("subprocess.run")),
                "java", new ApiSet(List.of("Runtime.getRuntime", "exec"), List.of("ProcessBuilder")))),
        cwe("CWE-79", "Cross-site Scripting",
            "Writing user input into HTML pages without escaping lets attackers inject scripts that run in other users' browsers.",
            Map.of("js", new ApiSet(List.of("element.innerHTML", "document.write"), List.of("element.textContent")))));
    List<CodeExample> examples = List.of(
        example("ex-502-py", "CWE-502", Language.PYTHON, "config = yaml.load(request.files['cfg'])",
            "config = yaml.safe_load(request.files['cfg'])", List.of("yaml.load", "yaml.safe_load"),
            "Load a YAML configuration file uploaded by the user"),
        example("ex-89-py", "CWE-89", Language.PYTHON,
            "cursor.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")",
            "cursor.execute(\"SELECT * FROM users WHERE name = %s\", (name,))", List.of("cursor.execute"),
            "Look up a user by name in the database"),
        example("ex-89-java", "CWE-89", Language.JAVA,
            "Statement st = conn.createStatement();\nResultSet rs = st.executeQuery(\"SELECT * FROM users WHERE name = '\" + name + \"'\");",
            "PreparedStatement ps = conn.prepareStatement(\"SELECT * FROM users WHERE name = ?\");\nps.setString(1, name);\nResultSet rs = ps.executeQuery();",
            List.of("conn.createStatement", "st.executeQuery", "conn.prepareStatement", "ps.setString"),
            null),
        example("ex-78-py", "CWE-78", Language.PYTHON, "os.system('ping -c 1 ' + host)",
            "subprocess.run(['ping', '-c', '1', host], check=True)", List.of("os.system", "subprocess.run"),
            "Ping a host given by the user"),
        example("ex-78-java", "CWE-78", Language.JAVA, "Runtime.getRuntime().exec(\"ping \" + host);",
            "new ProcessBuilder(\"ping\", host).start();", List.of("Runtime.getRuntime", "exec", "ProcessBuilder"),
            "Ping a host given by the user"),
        example("ex-79-js", "CWE-79", Language.JAVASCRIPT, "comment.innerHTML = userText;",
            "comment.textContent = userText;", List.of("comment.innerHTML", "comment.textContent"),
            "Show the user's comment on the page"));
    KbManifest manifest = new KbManifest(KbManifest.FORMAT_VERSION, "2026-01-01T00:00:00Z", List.of(),
        new KbManifest.EmbedderInfo(embedderId, dimension), FusionPolicy.paperDefaults(),
        Map.of("cwes", cwes.size(), "examples", examples.size()), Map.of());
    return new KnowledgeBase(manifest, cwes, examples);
  }

  public static CweEntry cwe(String id, String name, String cause, Map<String, ApiSet> apis) {
    return new CweEntry(id, name, "", cause, apis, List.of(), null, "curated");
  }

  public static CodeExample example(String id, String cwe, Language language, String vulnerable, String secure,
      List<String> apis, String description) {
    return new CodeExample(id, cwe, language, vulnerable, secure, apis, List.of(), 0, 0, "curated", description);
  }
}

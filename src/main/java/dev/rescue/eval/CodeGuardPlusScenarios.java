package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.eval.oracle.CodeqlQuery;
import dev.rescue.eval.oracle.Finding;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the scenarios of a CodeGuard+ folder as the benchmark's generate.py does: every folder
 * {@code data/base/cwe-XXX/N-LANG/} with an {@code info.json}; the language is info.json's
 * {@code language} (py, c or cpp), which names the prompt files {@code file_context.LANG} and
 * {@code func_context.LANG}.
 */
final class CodeGuardPlusScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CWE_FOLDER = Pattern.compile("cwe-\\d+");
  private static final Pattern SCENARIO_FOLDER = Pattern.compile("\\d+-[a-z]+");
  private static final List<Language> LANGUAGES = List.of(Language.PYTHON, Language.C, Language.CPP);

  /** The scenarios read, in id order, and one line per folder that could not be read. */
  record Loaded(List<CodeGuardPlusScenario> scenarios, List<String> problems) {}

  private CodeGuardPlusScenarios() {}

  static Loaded load(Path root) {
    Path base = root.resolve("data").resolve("base");
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("not a CodeGuard+ folder (no data/base): " + root);
    }
    List<Path> folders;
    try (Stream<Path> s = Files.list(base)) {
      folders = s.filter(Files::isDirectory).flatMap(CodeGuardPlusScenarios::children).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("cannot list " + base + ": " + e.getMessage(), e);
    }
    List<CodeGuardPlusScenario> scenarios = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path folder : folders) {
      String id = base.relativize(folder).toString().replace('\\', '/');
      try {
        scenarios.add(read(root, id, folder));
      } catch (IOException | RuntimeException e) {
        problems.add(id + ": " + e.getMessage());
      }
    }
    return new Loaded(List.copyOf(scenarios), List.copyOf(problems));
  }

  private static Stream<Path> children(Path cweFolder) {
    try (Stream<Path> s = Files.list(cweFolder)) {
      return s.filter(Files::isDirectory).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CodeGuardPlusScenario read(Path root, String id, Path folder) throws IOException {
    String cweFolder = folder.getParent().getFileName().toString();
    if (!CWE_FOLDER.matcher(cweFolder).matches() || !SCENARIO_FOLDER.matcher(folder.getFileName().toString()).matches()) {
      throw new IllegalArgumentException("expected data/base/cwe-NNN/N-LANG");
    }
    Path info = folder.resolve("info.json");
    if (!Files.isRegularFile(info)) throw new IllegalArgumentException("no info.json");
    JsonNode j = JSON.readTree(info.toFile());
    String name = j.path("language").asText("");
    Language lang = LANGUAGES.stream().filter(l -> l.id().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("info.json language '" + name + "' is not one of "
            + LANGUAGES.stream().map(Language::id).toList()));
    String cwe = Finding.normaliseCwe(j.path("cwe").isTextual() ? j.path("cwe").asText() : cweFolder);
    String prompt = readPromptFile(folder, "file_context." + lang.id()) + readPromptFile(folder, "func_context." + lang.id());
    JsonNode ql = j.path("check_ql");
    CodeqlQuery query;
    try {
      query = CodeqlQuery.fromCheckQl(ql.isTextual() ? ql.asText() : null, root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("info.json " + e.getMessage(), e);
    }
    Path unitTests = root.toAbsolutePath().normalize().resolve("unit_test").resolve(cweFolder)
        .resolve(folder.getFileName().toString());
    EvalTask task = new EvalTask(id, lang, cwe, prompt, folder, unitTests.resolve("functional.py"), null, null);
    return new CodeGuardPlusScenario(task, unitTests, query);
  }

  private static String readPromptFile(Path folder, String name) throws IOException {
    Path f = folder.resolve(name);
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException(name + " missing");
    return Files.readString(f, StandardCharsets.UTF_8);
  }
}

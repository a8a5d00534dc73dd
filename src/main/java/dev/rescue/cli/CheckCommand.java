package dev.rescue.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rescue.check.CheckJson;
import dev.rescue.check.CheckOptions;
import dev.rescue.check.CheckResult;
import dev.rescue.check.CheckSarif;
import dev.rescue.check.CheckText;
import dev.rescue.Checkers;
import dev.rescue.check.CodeChecker;
import dev.rescue.check.CwevalReferences;
import dev.rescue.check.InputError;
import dev.rescue.check.Severity;
import dev.rescue.check.SourceReader;
import dev.rescue.check.StandardChecker;
import dev.rescue.check.CheckTool;
import dev.rescue.internal.StartupTrace;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rescue check}: weaknesses in code, each answered with the KB's guideline and a secure example. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Find weaknesses in code and answer each with the KB's guideline and a secure example.",
    description = {
      "Checks each FILE (or standard input, '-') with the KB's own rules (calls to a CWE's risky APIs, found",
      "by the tree-sitter front-ends, and whether the CWE's safe alternatives are called) and with the",
      "analysers installed: bandit (Python), cppcheck and flawfinder (C, C++), CodeQL when on the PATH",
      "(Python, C, C++, JavaScript, Go). For Java, JavaScript and Go no Debian or npm package provides a",
      "security analyser that fits (a CWE-mapped report, offline), so only the KB's rules check them unless",
      "CodeQL is installed. The analysers run at once, each under --timeout; one that is missing, crashes or",
      "hangs is reported and the others' findings stand (a partial result).",
      "",
      "Each finding: CWE, file:line:column, the tools that found it, severity, confidence, the KB's guideline",
      "and a secure example in the file's language. Findings of several tools on the same line and CWE are one.",
      "Output: text (default), --json, or --sarif (SARIF 2.1.0, for GitHub code scanning and IDEs).",
      "",
      "--references DIR measures instead: on CWEval's references (no LLM), the share of unsafe ones flagged",
      "with their CWE (or its MITRE parent or child) and of secure ones with any finding at or above --fail-on."
    },
    footer = {
      "",
      "Examples:",
      "  rescue check app.py",
      "  rescue check --sarif src/*.c > check.sarif",
      "  cat draft.js | rescue check --language js --json -",
      "  rescue check --tools kb --fail-on high main.go",
      "  rescue check --references ../shared/data/cweval/benchmark --cwe-catalog ../shared/data/cwe/cwec_v4.14.xml",
      "",
      "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it or an input that could not be",
      "checked, 2 usage error. A tool that failed is a warning (partial result), not a finding."
    })
final class CheckCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "files to check; '-' reads standard input (needs --language)")
  List<String> files = new ArrayList<>();

  @Option(names = "--language", paramLabel = "LANG",
      description = "language of every input (py, c, cpp, java, js, go); default: from each file's extension")
  String language;

  @Option(names = "--json", description = "JSON report on stdout")
  boolean json;

  @Option(names = "--sarif", description = "SARIF 2.1.0 report on stdout")
  boolean sarif;

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "exit 1 when a finding is at or above this severity: low, medium or high (default: ${DEFAULT-VALUE})")
  String failOn = Severity.DEFAULT_FAIL_ON.name().toLowerCase(Locale.ROOT);

  @Option(names = "--tools", paramLabel = "LIST", split = ",",
      description = "sources to use, comma-separated: kb, bandit, cppcheck, flawfinder, codeql (default: all that apply)")
  List<String> tools = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "longest run of one analyser on one file (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + SourceReader.DEFAULT_MAX_BYTES,
      description = "largest input checked; a larger one is an input error (default: ${DEFAULT-VALUE})")
  long maxBytes;

  @Option(names = "--task", paramLabel = "TEXT", description = "what the code is meant to do (kept with the result)")
  String task;

  @Option(names = "--kb", paramLabel = "DIR",
      description = "knowledge base folder, 'bundled' (the default), or a KB pushed to SolrCloud (solr://ZK_HOST:PORT/COLLECTION);"
          + " repeat to overlay several folders, as for the other commands")
  List<String> kbs = new ArrayList<>();

  @Option(names = "--references", paramLabel = "DIR", description = "measure on CWEval's references in DIR instead of checking files")
  Path references;

  @Option(names = "--cwe-catalog", paramLabel = "FILE",
      description = "MITRE's CWE XML, so that --references counts a parent or child of the task's CWE")
  Path cweCatalog;

  @Override
  public Integer call() throws IOException {
    Severity threshold;
    try {
      threshold = Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
    }
    if (json && sarif) throw new ParameterException(spec.commandLine(), "--json and --sarif: give one of them");
    if (timeoutSeconds < 1) throw new ParameterException(spec.commandLine(), "--timeout must be 1 or more, got " + timeoutSeconds);
    if (maxBytes < 1) throw new ParameterException(spec.commandLine(), "--max-bytes must be 1 or more, got " + maxBytes);
    Set<String> known = new LinkedHashSet<>(List.of("kb", "bandit", "cppcheck", "flawfinder", "codeql"));
    for (String t : tools) {
      if (!known.contains(t.strip())) {
        throw new ParameterException(spec.commandLine(), "--tools: unknown tool '" + t + "' (expected " + String.join(", ", known) + ")");
      }
    }
    Language lang = null;
    if (language != null) {
      try {
        lang = Language.parse(language);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--language: " + e.getMessage());
      }
    }
    if (references != null) {
      if (!files.isEmpty()) throw new ParameterException(spec.commandLine(), "--references measures on its own: give no FILE");
      FileArgs.inputFolder("--references", references);
      if (cweCatalog != null) FileArgs.inputFile("--cwe-catalog", cweCatalog);
      return measure(threshold);
    }
    if (files.isEmpty()) throw new ParameterException(spec.commandLine(), "give a FILE to check, or '-' for standard input");
    if (files.contains(FileArgs.STDIO) && lang == null) {
      throw new ParameterException(spec.commandLine(), "standard input ('-') needs --language");
    }
    KbOptions.check(kbs);

    // the KB without its index: the rules need its entries, not the embedding model
    KnowledgeBase kb;
    try (var t = StartupTrace.span("kb read")) {
      kb = KbOptions.read(kbs, null);
    }
    CodeChecker checker;
    try (var t = StartupTrace.span("checkers")) {
      checker = Checkers.standard(kb, options());
    }
    SourceReader reader = new SourceReader(maxBytes);
    List<CheckResult> results = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    for (String file : files) {
      try (var t = StartupTrace.span("check " + file)) {
        SourceReader.Read read = read(reader, file, lang);
        if (read.error() != null) {
          errors.add(read.error());
        } else {
          results.add(checker.check(read.unit()));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(CheckJson.report(results, errors, threshold)));
    } else if (sarif) {
      out.println(JSON.writeValueAsString(CheckSarif.report(results, errors, new VersionProvider().getVersion()[0])));
    } else {
      out.print(CheckText.report(results, errors, threshold));
    }
    out.flush();
    if (json || sarif) {
      // the report is on stdout; people still see what failed
      PrintWriter err = spec.commandLine().getErr();
      for (InputError e : errors) err.println("rescue check: " + e.file() + ": " + e.reason());
      for (CheckResult r : results) r.failures().forEach(f -> err.println("rescue check: " + r.unit().file() + ": warning: " + f.reason()));
      err.flush();
    }
    boolean failing = !errors.isEmpty() || results.stream().anyMatch(r -> r.anyAtLeast(threshold));
    return failing ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
  }

  private CheckOptions options() {
    return new CheckOptions(Set.copyOf(tools.stream().map(String::strip).toList()), Duration.ofSeconds(timeoutSeconds));
  }

  private SourceReader.Read read(SourceReader reader, String file, Language lang) {
    try {
      byte[] bytes;
      if (file.equals(FileArgs.STDIO)) {
        InputStream in = System.in;
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, reader.maxBytes() + 1));
      } else {
        Path p = Path.of(file);
        if (Files.isDirectory(p)) return new SourceReader.Read(null, new InputError(file, "a folder, expected a file"));
        if (!Files.isRegularFile(p)) return new SourceReader.Read(null, new InputError(file, "no such file"));
        long size = Files.size(p);
        if (size > reader.maxBytes()) return new SourceReader.Read(null, new InputError(file, reader.tooLarge(size)));
        bytes = Files.readAllBytes(p);
      }
      return reader.read(file, bytes, lang, task);
    } catch (IOException | RuntimeException e) {
      return new SourceReader.Read(null, new InputError(file, "cannot read: " + e.getMessage()));
    }
  }

  private int measure(Severity threshold) {
    PrintWriter err = spec.commandLine().getErr();
    List<CwevalReferences.Reference> refs = CwevalReferences.read(references);
    err.println("rescue check: " + refs.size() + " references under " + references);
    err.flush();
    MitreCatalog mitre = cweCatalog == null ? null : MitreCatalog.read(cweCatalog);
    KnowledgeBase kb = KbOptions.read(kbs, null);
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    StandardChecker all = Checkers.standard(kb, new CheckOptions(Set.of(), timeout));
    Map<String, CodeChecker> sources = new LinkedHashMap<>();
    for (CheckTool t : all.tools()) {
      if (!tools.isEmpty() && !tools.contains(t.name())) continue;
      if (!t.available()) {
        err.println("rescue check: " + t.name() + " is not installed: left out of the measurement");
        continue;
      }
      sources.put(t.name(), Checkers.standard(kb, new CheckOptions(Set.of(t.name()), timeout)));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(CwevalReferences.measure(refs, sources, threshold, mitre));
    out.flush();
    return ExitCodes.OK;
  }
}

package dev.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.kb.KbLoader;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.LoadedKb;
import dev.rescue.llm.ChatMessage;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.model.Task;
import dev.rescue.pipeline.AssembledPrompt;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RealChain;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.RetrieverKind;
import dev.rescue.pipeline.Stage;
import dev.rescue.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The product's output, pinned: each folder under {@code golden/pipeline} holds a task
 * ({@code task.txt}, optionally {@code code.<ext>}, read as {@code rescue context TASK --code FILE}
 * reads them) and what the real pipeline (bundled KB, bundled embedding model, no LLM) makes of it:
 * {@code context.txt} is exactly what {@code rescue context} prints on stdout, {@code prompt.txt} the
 * messages {@code rescue generate} would send, {@code retrieval.txt} what was found (the analysis, the
 * CWEs and examples chosen or why none was, what the token budget dropped). Scores are left out: they
 * are in the JSON output, and their last digits are not what a reviewer checks. A change to the KB,
 * the fusion or the assembly shows here as a diff; rewrite with {@code -Dgolden.update=true} and
 * review it.
 */
class PipelineGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden/pipeline");
  /** How far a printed score may move with the CPU the embedding runs on (seen: 0.001). */
  private static final double SCORE_TOLERANCE = 0.002;
  private static Embedder embedder;
  private static LoadedKb kb;
  private static List<Stage> stages;

  @BeforeAll
  static void load() {
    embedder = new CachingEmbedder(BgeSmallEmbedder.instance(), 256);
    kb = new KbLoader(new LuceneIndexStores(), embedder, Path.of(System.getProperty("java.io.tmpdir"), "rescue-test-index"), s -> {})
        .load(List.of(KbLoader.BUNDLED));
    // the gates the CLI uses: the KB's calibrated ones, as Rescue picks them
    var policy = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).build().policy();
    stages = PipelineFactory.stages(kb.kb(), kb.index(), embedder, null, policy, false, RetrieverKind.RESCUE);
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  @TestFactory
  Stream<DynamicTest> everyTaskGetsItsGoldenContextAndPrompt() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(ROOT)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).as("golden cases under " + ROOT.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(7);
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    PipelineContext ctx = RealChain.run(stages, PipelineContext.start(task(dir), PipelineOptions.defaults()));
    RetrievalResult r = RetrievalResult.of(ctx);
    GoldenFiles.assertMatches(dir.resolve("context.txt"), r.context());
    GoldenFiles.assertMatches(dir.resolve("prompt.txt"), prompt(ctx.prompt()));
    // its abstention reasons carry similarity scores, whose third decimal depends on the CPU
    GoldenFiles.assertMatchesWithin(dir.resolve("retrieval.txt"), retrieval(r, ctx.prompt()), SCORE_TOLERANCE);
  }

  /** As {@code TaskInput} reads {@code TASK --code code.<ext>}: the language from the file name. */
  private static Task task(Path dir) throws IOException {
    String text = Files.readString(dir.resolve("task.txt"), StandardCharsets.UTF_8).strip();
    Optional<Path> code;
    try (Stream<Path> files = Files.list(dir)) {
      code = files.filter(p -> p.getFileName().toString().startsWith("code.")).findFirst();
    }
    if (code.isEmpty()) return new Task("golden", text, null, null);
    Language language = Language.fromFileName(code.get().getFileName().toString()).orElseThrow();
    return new Task("golden", text, Files.readString(code.get(), StandardCharsets.UTF_8), language);
  }

  private static String prompt(AssembledPrompt p) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : p.messages()) {
      sb.append("== ").append(m.role()).append(" ==\n").append(m.content());
      if (!m.content().endsWith("\n")) sb.append('\n');
    }
    return sb.toString();
  }

  private static String retrieval(RetrievalResult r, AssembledPrompt p) {
    List<String> lines = new ArrayList<>();
    var a = r.analysis();
    lines.add("language: " + (a.language() == null ? "unknown" : a.language().id()));
    lines.add("api calls: " + (a.apiCalls().isEmpty() ? "none" : String.join(", ", a.apiCalls())));
    lines.add("cause query: " + a.causeQuery().replace("\n", " / "));
    lines.add("abstained: " + (r.abstained() ? "yes: " + String.join("; ", r.abstentionReasons()) : "no"));
    lines.add("cwes:");
    for (ScoredCwe c : r.cwes()) lines.add("  " + c.cwe() + " " + c.entry().name());
    lines.add("examples:");
    for (ScoredExample e : r.examples()) lines.add("  " + e.example().id());
    lines.add("context tokens: " + r.contextTokens());
    lines.add("dropped by the token budget: "
        + (p.dropped().isEmpty() ? "none" : p.dropped().stream().collect(Collectors.joining(", "))));
    return String.join("\n", lines) + "\n";
  }
}

package dev.rescue.kb.distill;

import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.ChatResult;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmException;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESCUE's cluster-then-summarize distiller. Per CWE:
 *
 * <ol>
 *   <li><b>leaves</b>: the pairs, grouped by language (so a batch shares APIs and idioms) and split into
 *       {@code ceil(n / B)} batches of near-equal size, at most B each; one call per batch shows each
 *       pair as its parallel slices plus its commit message or description, and asks for a summary;
 *   <li><b>merges</b>: the summaries, in order, batched the same way, one call per batch, again and
 *       again until one summary remains (a CWE with at most B pairs needs a single call).
 * </ol>
 *
 * Every call asks for the same JSON object, {@code {"guideline", "cause"}} (at most 120 and 80 words),
 * so that the last one is the entry itself and the intermediate ones stay short enough to merge. Each
 * intermediate summary, leaves first, goes into {@link Provenance#summaries()}; the final one is the
 * entry's guideline and cause. See {@link LlmDistillerAnswer} for validation: an unusable answer is
 * sent back with what is wrong once (a new request, so the response cache cannot replay the bad
 * answer), and a second unusable answer, or an {@link LlmException}, fails this CWE only, with a
 * {@link DistillationException} naming it.
 *
 * <p>The calls of one level run concurrently, up to {@code parallelism} (pass the client's concurrency
 * limit; more only queues in the client). Requests use temperature 0 and JSON mode, so reruns hit the
 * response cache: a build killed mid-way redoes no finished call.
 *
 * <p>The entry's API sets are left empty: the KB builder computes them from the examples. Its
 * {@code examples} are the ids of the inputs' examples, and {@code distiller} is {@code llm:MODEL}.
 */
public final class LlmDistiller implements Distiller {
  private static final Logger LOG = LoggerFactory.getLogger(LlmDistiller.class);
  public static final int DEFAULT_BATCH_SIZE = 8;
  public static final int DEFAULT_PARALLELISM = 4;
  /** Room for 120 + 80 words of JSON with some slack; caps runaway answers. */
  static final int MAX_ANSWER_TOKENS = 1024;

  private final LlmClient client;
  private final Function<String, String> cweNames;
  private final int batchSize;
  private final int parallelism;
  private final DistillPrompts prompts = DistillPrompts.bundled();

  /** With batches of {@value #DEFAULT_BATCH_SIZE} and {@value #DEFAULT_PARALLELISM} calls at once. */
  public LlmDistiller(LlmClient client, Function<String, String> cweNames) {
    this(client, cweNames, DEFAULT_BATCH_SIZE, DEFAULT_PARALLELISM);
  }

  /**
   * @param cweNames the CWE's name for an id (e.g. from the MITRE catalogue); may return null or
   *     empty when unknown. It names the weakness in the prompts and in the entry
   * @param batchSize B, the pairs per leaf call and the summaries per merge call; at least 2
   * @param parallelism the calls of one level run at once; at least 1
   */
  public LlmDistiller(LlmClient client, Function<String, String> cweNames, int batchSize, int parallelism) {
    this.client = Objects.requireNonNull(client, "client");
    this.cweNames = Objects.requireNonNull(cweNames, "cweNames");
    if (batchSize < 2) throw new IllegalArgumentException("batch size must be at least 2, was " + batchSize);
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    this.batchSize = batchSize;
    this.parallelism = parallelism;
  }

  @Override
  public CweEntry distill(String cweId, List<DistillInput> inputs) {
    if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("no pairs to distil for " + cweId);
    String cwe = CweIds.normalize(cweId);
    String name = Objects.requireNonNullElse(cweNames.apply(cwe), "");
    List<DistillInput> ordered = new ArrayList<>(inputs);
    ordered.sort(Comparator.comparing(in -> in.pair().language())); // stable: input order within a language
    AtomicInteger calls = new AtomicInteger();
    int threads = Math.min(parallelism, batchCount(ordered.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "distill-" + cwe);
      t.setDaemon(true);
      return t;
    });
    try {
      List<String> intermediate = new ArrayList<>();
      List<LlmDistillerAnswer> level = runLevel(pool, cwe, split(ordered), batch -> leafCall(cwe, name, batch, calls));
      int levels = 1;
      while (level.size() > 1) {
        List<String> summaries = level.stream().map(LlmDistillerAnswer::asSummary).toList();
        intermediate.addAll(summaries);
        level = runLevel(pool, cwe, split(summaries), batch -> mergeCall(cwe, name, batch, calls));
        levels++;
      }
      LlmDistillerAnswer last = level.get(0);
      LOG.info("distilled {} from {} pairs in {} calls over {} levels", cwe, inputs.size(), calls.get(), levels);
      return new CweEntry(cwe, name, last.guideline(), last.cause(), Map.of(), exampleIds(inputs),
          provenance(inputs, intermediate), "llm:" + client.model());
    } finally {
      pool.shutdownNow();
    }
  }

  private LlmDistillerAnswer leafCall(String cwe, String name, List<DistillInput> batch, AtomicInteger calls) {
    return ask(cwe, prompts.leaf(cwe, name, batch), calls);
  }

  private LlmDistillerAnswer mergeCall(String cwe, String name, List<String> batch, AtomicInteger calls) {
    return ask(cwe, prompts.merge(cwe, name, batch), calls);
  }

  /** One summary: the call, and once more with a correction when the answer is unusable. */
  private LlmDistillerAnswer ask(String cwe, String userPrompt, AtomicInteger calls) {
    List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(prompts.system()), ChatMessage.user(userPrompt)));
    String content = call(cwe, messages, calls);
    try {
      return LlmDistillerAnswer.parse(content);
    } catch (LlmDistillerAnswer.MalformedAnswerException first) {
      LOG.warn("{}: unusable LLM answer ({}), asking once more", cwe, first.getMessage());
      messages.add(new ChatMessage("assistant", content));
      messages.add(ChatMessage.user(prompts.repair(first.getMessage())));
      String second = call(cwe, messages, calls);
      try {
        return LlmDistillerAnswer.parse(second);
      } catch (LlmDistillerAnswer.MalformedAnswerException again) {
        throw new DistillationException(cwe + ": the LLM gave no usable summary twice (" + first.getMessage() + "; then "
            + again.getMessage() + "); answer began: " + excerpt(second));
      }
    }
  }

  private String call(String cwe, List<ChatMessage> messages, AtomicInteger calls) {
    calls.incrementAndGet();
    try {
      ChatResult result = client.chat(new ChatRequest(null, messages, 0.0, null, MAX_ANSWER_TOKENS, true));
      return result.content();
    } catch (LlmException e) {
      throw new DistillationException(cwe + ": LLM call failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code call} on every batch concurrently; answers in batch order. */
  private <T> List<LlmDistillerAnswer> runLevel(
      ExecutorService pool, String cwe, List<List<T>> batches, Function<List<T>, LlmDistillerAnswer> call) {
    if (batches.size() == 1) return List.of(call.apply(batches.get(0)));
    List<Future<LlmDistillerAnswer>> futures = new ArrayList<>();
    for (List<T> batch : batches) futures.add(pool.submit(() -> call.apply(batch)));
    List<LlmDistillerAnswer> answers = new ArrayList<>();
    try {
      for (Future<LlmDistillerAnswer> f : futures) answers.add(f.get());
      return answers;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DistillationException(cwe + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DistillationException de) throw de;
      throw new DistillationException(cwe + ": " + cause, cause);
    } finally {
      for (Future<LlmDistillerAnswer> f : futures) f.cancel(true);
    }
  }

  /** {@code ceil(n / B)} consecutive batches whose sizes differ by at most one. */
  <T> List<List<T>> split(List<T> items) {
    int count = batchCount(items.size());
    List<List<T>> batches = new ArrayList<>(count);
    int base = items.size() / count;
    int extra = items.size() % count;
    int from = 0;
    for (int i = 0; i < count; i++) {
      int size = base + (i < extra ? 1 : 0);
      batches.add(List.copyOf(items.subList(from, from + size)));
      from += size;
    }
    return batches;
  }

  private int batchCount(int n) {
    return (n + batchSize - 1) / batchSize;
  }

  private static List<String> exampleIds(List<DistillInput> inputs) {
    Set<String> ids = new LinkedHashSet<>();
    for (DistillInput in : inputs) if (in.example() != null) ids.add(in.example().id());
    return List.copyOf(ids);
  }

  private static Provenance provenance(List<DistillInput> inputs, List<String> summaries) {
    Set<String> pairs = new LinkedHashSet<>();
    Set<String> commits = new LinkedHashSet<>();
    for (DistillInput in : inputs) {
      pairs.add(in.pair().id());
      String link = in.pair().commitLink();
      if (link != null && !link.isBlank()) commits.add(link);
    }
    return new Provenance(List.copyOf(pairs), List.copyOf(commits), summaries);
  }

  private static String excerpt(String s) {
    if (s == null) return "(nothing)";
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= 120 ? "'" + t + "'" : "'" + t.substring(0, 120) + "...'";
  }
}

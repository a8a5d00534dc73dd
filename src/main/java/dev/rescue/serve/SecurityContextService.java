package dev.rescue.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.check.CheckResult;
import dev.rescue.Checkers;
import dev.rescue.check.CodeChecker;
import dev.rescue.check.SourceUnit;
import dev.rescue.Rescue;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.Task;
import dev.rescue.pipeline.RetrievalResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request-to-pipeline mapping both front doors share: the proxy turns a chat request into a
 * task and injects the context; the MCP server asks for the context of a task and looks up CWEs.
 * Thread-safe (the pipeline is), so one instance serves every request.
 *
 * <p>The {@link Rescue} given should run its analysis without an LLM: the proxy sits in front of
 * every chat call and must stay fast.
 */
public final class SecurityContextService {
  private final Rescue rescue;
  private final KnowledgeBase kb;
  private final ChatTaskExtractor extractor;
  private final ContextInjector injector;
  /** Built on the first check: a server that is never asked to check starts no analyser and parses no example. */
  private volatile CodeChecker checker;

  public SecurityContextService(Rescue rescue, KnowledgeBase kb, InjectionMode mode) {
    this.rescue = Objects.requireNonNull(rescue, "rescue");
    this.kb = Objects.requireNonNull(kb, "kb");
    this.extractor = new ChatTaskExtractor();
    this.injector = new ContextInjector(mode);
  }

  /** The security context of a task (DESIGN §4 result). */
  public RetrievalResult context(Task task) {
    return rescue.context(task);
  }

  /**
   * Runs one retrieval so that the embedding model and the index are loaded before the first client
   * comes (the first call otherwise takes seconds).
   */
  public void warmUp() {
    rescue.context(new Task("warm-up", "Read a file whose name the user gives", "open(path)", null));
  }

  /** Finds the coding task of a chat request and injects its context; see {@link ChatInjection}. */
  public ChatInjection forChat(ObjectNode request, String id) {
    Optional<Task> task = extractor.find(request, id);
    if (task.isEmpty()) return new ChatInjection(ChatInjection.Outcome.NOT_CODE, request, List.of(), null);
    RetrievalResult r = rescue.context(task.get());
    if (r.abstained()) {
      return new ChatInjection(ChatInjection.Outcome.ABSTAINED, request, List.of(), r);
    }
    List<String> cwes = r.cwes().stream().map(ScoredCwe::cwe).toList();
    return new ChatInjection(ChatInjection.Outcome.INJECTED, injector.inject(request, r.context()), cwes, r);
  }

  /**
   * The findings of {@code rescue check} for one piece of code (the KB's rules and the installed
   * analysers), for MCP {@code check_code} and {@code /v1/security-check}.
   */
  public CheckResult check(SourceUnit unit) {
    CodeChecker c = checker;
    if (c == null) {
      synchronized (this) {
        if (checker == null) checker = Checkers.standard(kb);
        c = checker;
      }
    }
    return c.check(unit);
  }

  /**
   * The KB entry of a CWE.
   *
   * @throws IllegalArgumentException when {@code id} is not a CWE id
   */
  public Optional<CweEntry> cwe(String id) {
    return kb.cwe(CweIds.normalize(id));
  }

  /** The ids of the CWEs the knowledge base covers, in KB order. */
  public List<String> cweIds() {
    return kb.cwes().stream().map(CweEntry::cwe).toList();
  }

  /** The result JSON of DESIGN §4 with each CWE's provenance added, for clients that show sources. */
  public ObjectNode resultJson(RetrievalResult r) {
    return ServeJson.result(r, kb);
  }

  /** A CWE's KB entry as JSON, with its examples in full. */
  public ObjectNode cweJson(CweEntry entry) {
    return ServeJson.cwe(entry, kb);
  }
}

package dev.rescue.index.lucene;

import static dev.rescue.index.lucene.IndexSchema.*;

import dev.rescue.embed.Embedder;
import dev.rescue.index.CausePassages;
import dev.rescue.index.Hit;
import dev.rescue.index.IndexCompatibility;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.Language;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene adapter of {@link KnowledgeIndex}: one index with a document per CWE and per example.
 *
 * <p><b>API facet</b>: BM25 (Lucene's default, k1 = 1.2, b = 0.75) over the {@code apis} field,
 * analysed with {@link CodeAnalyzer}. A CWE document holds the APIs of every language's {@link
 * ApiSet}, risky APIs written twice and safe ones once: a draft usually calls the risky API, so
 * matching it should weigh more, while a draft that already uses the safe API still finds the CWE.
 * The query is the API calls analysed with the same analyzer, one SHOULD clause per distinct term
 * (distinct so that a draft calling {@code load} five times does not drown other terms); scores are
 * raw BM25, the scale of the API gate. The MITRE-derived layer's documents keep their APIs in a field
 * of their own ({@link KbLayers}), queried with the same terms.
 *
 * <p><b>Dense facets</b>: exact cosine over vectors loaded in memory at open ({@link
 * ExactCosineSearch}), so scores are raw cosine in [-1, 1]. A CWE's cause vector embeds "NAME.
 * CAUSE" as a passage (the name disambiguates short causes); its {@link CausePassages} are embedded
 * each on its own, values of one field of its document. An example's description vector embeds
 * its {@code description}, or reuses its CWE's cause vector when it has none. The code facet takes
 * the better of the vulnerable and secure code vectors, each made from at most {@link
 * #MAX_CODE_CHARS} characters; blank code gets no vector.
 *
 * <p>The embedder id and dimension and a caller-chosen fingerprint are stored in the commit's user
 * data: {@link #open} refuses an index made by another embedder, and {@link #fingerprint} lets a
 * caller rebuild a stale one. Searches are thread-safe; {@link #close} closes the reader, and the
 * directory too when the index was opened by a store ({@link LuceneIndexStores}), which owns it.
 */
public final class LuceneKnowledgeIndex implements KnowledgeIndex {
  private static final Analyzer ANALYZER = new CodeAnalyzer();

  /**
   * Code is embedded from its first {@value} characters (about bge's 512-token window for code).
   * Longer texts make langchain4j embed every 510-token window and average them, which multiplies
   * the build time on whole-function examples while adding little to a draft-to-example similarity.
   */
  static final int MAX_CODE_CHARS = 2000;

  /** Texts per {@link Embedder#embedPassages} call during a build: large enough to keep both cores busy. */
  static final int PROGRESS_CHUNK = 64;

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final String[] idByDoc;
  private final ExactCosineSearch causes;
  private final ExactCosineSearch causePassages;
  private final ExactCosineSearch descriptions;
  private final ExactCosineSearch code;
  /** Closed after the reader: the directory of a store's index, or null when the caller owns it. */
  private final Closeable owned;

  private LuceneKnowledgeIndex(DirectoryReader reader, int dimension, Closeable owned) throws IOException {
    this.reader = reader;
    this.owned = owned;
    this.searcher = new IndexSearcher(reader);
    this.idByDoc = new String[reader.maxDoc()];
    List<ExactCosineSearch.Row> causeRows = new ArrayList<>();
    List<ExactCosineSearch.Row> passageRows = new ArrayList<>();
    List<ExactCosineSearch.Row> descriptionRows = new ArrayList<>();
    List<ExactCosineSearch.Row> codeRows = new ArrayList<>();
    StoredFields stored = reader.storedFields();
    // Built once and never updated, so there are no deleted documents to skip.
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      Document d = stored.document(doc);
      String id = d.get(ID);
      idByDoc[doc] = id;
      if (KIND_CWE.equals(d.get(KIND))) {
        causeRows.add(new ExactCosineSearch.Row(id, id, null, vectors(d, CAUSE_VECTOR)));
        passageRows.add(new ExactCosineSearch.Row(id, id, null, vectors(d, CAUSE_PASSAGE_VECTOR)));
      } else {
        String cwe = d.get(CWE);
        Language language = Language.parse(d.get(LANGUAGE));
        descriptionRows.add(new ExactCosineSearch.Row(id, cwe, language, vectors(d, DESCRIPTION_VECTOR)));
        codeRows.add(new ExactCosineSearch.Row(id, cwe, language, vectors(d, VULNERABLE_VECTOR, SECURE_VECTOR)));
      }
    }
    this.causes = new ExactCosineSearch(causeRows, dimension);
    this.causePassages = new ExactCosineSearch(passageRows, dimension);
    this.descriptions = new ExactCosineSearch(descriptionRows, dimension);
    this.code = new ExactCosineSearch(codeRows, dimension);
  }

  /**
   * Writes the index of {@code kb} into {@code dir}, replacing whatever index it held.
   *
   * @param fingerprint what the caller uses to tell a stale index (e.g. a hash of the KB files);
   *     read back with {@link #fingerprint}
   */
  public static void build(KbLayers kb, Embedder embedder, Directory dir, String fingerprint) {
    build(kb, embedder, dir, fingerprint, (done, total) -> {});
  }

  /**
   * Like {@link #build(KbLayers, Embedder, Directory, String)}, reporting embedding progress
   * (texts embedded so far, texts in all) after every chunk of {@value #PROGRESS_CHUNK} texts, e.g.
   * to drive a progress bar. Embedding is nearly all of the build time.
   */
  public static void build(KbLayers kb, Embedder embedder, Directory dir, String fingerprint,
      BiConsumer<Integer, Integer> progress) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(kb, "kb");
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(fingerprint, "fingerprint");
    try {
      // Texts go to the embedder in chunks: remote embedders batch requests and the in-process one
      // spreads a chunk over the cores.
      List<CweEntry> cwes = kb.cwes();
      List<CodeExample> examples = kb.examples();
      PassageBatch batch = new PassageBatch();
      Map<String, Integer> causeSlot = new HashMap<>();
      for (CweEntry c : cwes) causeSlot.put(c.cwe(), batch.add(causeText(c)));
      List<int[]> exampleSlots = new ArrayList<>();
      for (CodeExample e : examples) {
        int description = hasText(e.description())
            ? batch.add(e.description())
            : causeSlot.getOrDefault(e.cwe(), -1);
        if (description < 0) description = batch.add(e.cwe());
        exampleSlots.add(new int[] {
          description,
          hasText(e.vulnerable()) ? batch.add(codePassage(e.vulnerable())) : -1,
          hasText(e.secure()) ? batch.add(codePassage(e.secure())) : -1
        });
      }
      // the passages last, so that every other text is embedded in the chunk it was before they were
      // added: a batch's padding can move a vector in its last digits, and the gates read those vectors
      Map<String, int[]> passageSlots = new HashMap<>();
      for (CweEntry c : cwes) {
        passageSlots.put(c.cwe(), CausePassages.of(c).stream().mapToInt(batch::add).toArray());
      }
      List<float[]> vectors = batch.embed(embedder, progress);

      IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (CweEntry c : cwes) {
          Document d = new Document();
          d.add(new StringField(KIND, KIND_CWE, Field.Store.YES));
          d.add(new StringField(ID, c.cwe(), Field.Store.YES));
          d.add(new TextField(KbLayers.derived(c) ? LAYER_APIS : APIS, cweApiText(c), Field.Store.NO));
          d.add(new StoredField(CAUSE_TEXT, causeText(c)));
          d.add(new StoredField(CAUSE_VECTOR, toBytes(vectors.get(causeSlot.get(c.cwe())))));
          for (int slot : passageSlots.get(c.cwe())) d.add(new StoredField(CAUSE_PASSAGE_VECTOR, toBytes(vectors.get(slot))));
          writer.addDocument(d);
        }
        for (int i = 0; i < examples.size(); i++) {
          CodeExample e = examples.get(i);
          int[] slots = exampleSlots.get(i);
          Document d = new Document();
          d.add(new StringField(KIND, KIND_EXAMPLE, Field.Store.YES));
          d.add(new StringField(ID, e.id(), Field.Store.YES));
          d.add(new StringField(CWE, e.cwe(), Field.Store.YES));
          d.add(new StringField(LANGUAGE, e.language().id(), Field.Store.YES));
          d.add(new TextField(KbLayers.derived(e) ? LAYER_APIS : APIS, String.join("\n", e.apis()), Field.Store.NO));
          d.add(new StoredField(DESCRIPTION_VECTOR, toBytes(vectors.get(slots[0]))));
          if (slots[1] >= 0) d.add(new StoredField(VULNERABLE_VECTOR, toBytes(vectors.get(slots[1]))));
          if (slots[2] >= 0) d.add(new StoredField(SECURE_VECTOR, toBytes(vectors.get(slots[2]))));
          writer.addDocument(d);
        }
        writer.setLiveCommitData(Map.of(
            META_SCHEMA, SCHEMA_VERSION,
            META_EMBEDDER_ID, embedder.id(),
            META_EMBEDDER_DIMENSION, Integer.toString(embedder.dimension()),
            META_FINGERPRINT, fingerprint).entrySet());
        writer.forceMerge(1); // one segment: smallest footprint, fastest open
        writer.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the knowledge index to " + dir, e);
    }
  }

  /**
   * Opens the index in {@code dir} for queries embedded by {@code embedder}.
   *
   * @throws IllegalStateException when there is no index, or it was built with another schema or
   *     another embedder (the message names both embedders)
   */
  public static LuceneKnowledgeIndex open(Directory dir, Embedder embedder) {
    return open(dir, embedder, null);
  }

  /** Like {@link #open(Directory, Embedder)}, the index owning {@code dir}: closed with it, or at once when opening fails. */
  static LuceneKnowledgeIndex openOwning(Directory dir, Embedder embedder) {
    try {
      return open(dir, embedder, dir);
    } catch (RuntimeException e) {
      try {
        dir.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static LuceneKnowledgeIndex open(Directory dir, Embedder embedder, Closeable owned) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(embedder, "embedder");
    try {
      if (!DirectoryReader.indexExists(dir)) {
        throw new IllegalStateException("no knowledge index in " + dir + ": build it first");
      }
      DirectoryReader reader = DirectoryReader.open(dir);
      try {
        Map<String, String> meta = reader.getIndexCommit().getUserData();
        checkCompatible(dir, meta, embedder);
        return new LuceneKnowledgeIndex(reader, embedder.dimension(), owned);
      } catch (RuntimeException | IOException e) {
        reader.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the knowledge index in " + dir, e);
    }
  }

  /** The fingerprint given to {@link #build}, or empty when {@code dir} holds no (rescue) index. */
  public static Optional<String> fingerprint(Directory dir) {
    try {
      if (!DirectoryReader.indexExists(dir)) return Optional.empty();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        return Optional.ofNullable(reader.getIndexCommit().getUserData().get(META_FINGERPRINT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the knowledge index in " + dir, e);
    }
  }

  private static void checkCompatible(Directory dir, Map<String, String> meta, Embedder embedder) {
    IndexCompatibility.check(dir, meta.get(META_SCHEMA), SCHEMA_VERSION, meta.get(META_EMBEDDER_ID),
        meta.get(META_EMBEDDER_DIMENSION), embedder, "rebuild the index");
  }


  @Override
  public List<Hit> cwesByCause(float[] query, int n) {
    return causes.search(query, Set.of(), null, checkN(n));
  }

  @Override
  public List<Hit> cwesByCausePassage(float[] query, int n) {
    return causePassages.search(query, Set.of(), null, checkN(n));
  }

  @Override
  public List<Hit> cwesByApis(List<String> apiCalls, int n) {
    return bm25(apiCalls, KIND_CWE, Set.of(), null, checkN(n));
  }

  @Override
  public List<Hit> examplesByCause(float[] query, Set<String> cwes, Language language, int n) {
    return descriptions.search(query, CweIds.normalizeAll(cwes), language, checkN(n));
  }

  @Override
  public List<Hit> examplesByApis(List<String> apiCalls, Set<String> cwes, Language language, int n) {
    return bm25(apiCalls, KIND_EXAMPLE, CweIds.normalizeAll(cwes), language, checkN(n));
  }

  @Override
  public List<Hit> examplesByCode(float[] codeVector, Set<String> cwes, Language language, int n) {
    return code.search(codeVector, CweIds.normalizeAll(cwes), language, checkN(n));
  }

  @Override
  public void close() {
    try (Closeable directory = owned) {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the knowledge index", e);
    }
  }

  private List<Hit> bm25(List<String> apiCalls, String kind, Set<String> cwes, Language language, int n) {
    Set<String> terms = analyze(apiCalls);
    if (terms.isEmpty() || n == 0) return List.of();
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    // A document has one of the two API fields, so its score is its own field's BM25.
    for (String term : queryTerms(terms)) {
      query.add(new TermQuery(new Term(APIS, term)), Occur.SHOULD);
      query.add(new TermQuery(new Term(LAYER_APIS, term)), Occur.SHOULD);
    }
    // FILTER clauses restrict without scoring, so the score stays raw BM25.
    query.add(new TermQuery(new Term(KIND, kind)), Occur.FILTER);
    if (!cwes.isEmpty()) {
      query.add(new TermInSetQuery(CWE, cwes.stream().map(BytesRef::new).collect(Collectors.toList())), Occur.FILTER);
    }
    if (language != null) query.add(new TermQuery(new Term(LANGUAGE, language.id())), Occur.FILTER);
    query.setMinimumNumberShouldMatch(1); // with FILTER clauses, SHOULD would otherwise be optional
    try {
      TopDocs top = searcher.search(query.build(), n);
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) hits.add(new Hit(idByDoc[sd.doc], sd.score));
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("BM25 search failed", e);
    }
  }

  /**
   * The terms a BM25 query searches: the first that fit Lucene's clause limit, two clauses a term
   * (the curated and the layer field) and three for filters. A huge draft: the first terms are
   * enough to find its CWEs. Both adapters cut here, so that both search the same terms.
   */
  public static List<String> queryTerms(Set<String> terms) {
    int room = (IndexSearcher.getMaxClauseCount() - 3) / 2;
    return terms.stream().limit(room).toList();
  }

  /** Distinct analysed terms of the API calls, in first-seen order. */
  public static Set<String> analyze(List<String> apiCalls) {
    Set<String> terms = new LinkedHashSet<>();
    if (apiCalls == null) return terms;
    for (String call : apiCalls) {
      if (call == null || call.isBlank()) continue;
      try (TokenStream ts = ANALYZER.tokenStream(APIS, call)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) terms.add(term.toString());
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot analyse API call '" + call + "'", e);
      }
    }
    return terms;
  }

  /** The text a CWE's cause vector is made from: "NAME. CAUSE", falling back to the guideline, then the id. */
  public static String causeText(CweEntry c) {
    String body = hasText(c.cause()) ? c.cause() : c.guideline();
    String text = hasText(c.name()) ? (hasText(body) ? c.name() + ". " + body : c.name()) : body;
    return hasText(text) ? text : c.cwe();
  }

  public static String codePassage(String code) {
    return code.length() <= MAX_CODE_CHARS ? code : code.substring(0, MAX_CODE_CHARS);
  }

  /** Every language's APIs, risky ones twice (see the class comment). */
  public static String cweApiText(CweEntry c) {
    StringBuilder text = new StringBuilder();
    for (ApiSet set : c.apis().values()) {
      for (String api : set.risky()) text.append(api).append('\n').append(api).append('\n');
      for (String api : set.safe()) text.append(api).append('\n');
    }
    return text.toString();
  }

  /** Every stored vector of the fields (a field may hold several: the cause passages). */
  private static List<float[]> vectors(Document d, String... fields) {
    List<float[]> out = new ArrayList<>(fields.length);
    for (String field : fields) {
      for (BytesRef bytes : d.getBinaryValues(field)) {
        float[] unit = ExactCosineSearch.normalized(toVector(bytes));
        if (unit != null) out.add(unit);
      }
    }
    return out;
  }

  private static int checkN(int n) {
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, was " + n);
    return n;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  /** Texts to embed as passages, each at a slot, embedded in chunks of {@link #PROGRESS_CHUNK}. */
  /** Texts to embed, each once: fixes often share a description or a side of their code. */
  private static final class PassageBatch {
    private final List<String> texts = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();

    int add(String text) {
      return slots.computeIfAbsent(text, t -> {
        texts.add(t);
        return texts.size() - 1;
      });
    }

    List<float[]> embed(Embedder embedder, BiConsumer<Integer, Integer> progress) {
      List<float[]> vectors = new ArrayList<>(texts.size());
      for (int from = 0; from < texts.size(); from += PROGRESS_CHUNK) {
        vectors.addAll(embedder.embedPassages(texts.subList(from, Math.min(texts.size(), from + PROGRESS_CHUNK))));
        progress.accept(Math.min(vectors.size(), texts.size()), texts.size());
      }
      if (vectors.size() != texts.size()) {
        throw new IllegalStateException("embedder " + embedder.id() + " returned " + vectors.size()
            + " vectors for " + texts.size() + " passages");
      }
      for (float[] v : vectors) {
        if (v.length != embedder.dimension()) {
          throw new IllegalStateException("embedder " + embedder.id() + " returned a " + v.length
              + "-d vector, it declares " + embedder.dimension());
        }
      }
      return vectors;
    }
  }
}

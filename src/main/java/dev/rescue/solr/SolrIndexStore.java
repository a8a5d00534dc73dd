package dev.rescue.solr;

import static dev.rescue.solr.SolrSchema.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.embed.Embedder;
import dev.rescue.index.CausePassages;
import dev.rescue.index.IndexCompatibility;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.CodeAnalyzer;
import dev.rescue.index.lucene.LuceneKnowledgeIndex;
import dev.rescue.kb.KbFingerprint;
import dev.rescue.kb.KbJson;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KbStore;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;

/**
 * A knowledge index, and the KB it was made from, in one collection of a SolrCloud cluster. Writing
 * creates the collection when it is missing (uploading the configset of {@link SolrSchema}) with
 * this store's shards and replicas, replaces every document of it, and writes the meta document last:
 * a write that fails half way leaves a collection without a fingerprint, which no reader takes for
 * current. Each call connects anew; an opened index keeps its connection until closed.
 */
public final class SolrIndexStore implements KbStore {
  /** Documents per update request. */
  private static final int BATCH = 256;
  /** Texts per {@link Embedder#embedPassages} call, as the Lucene adapter sends them. */
  private static final int EMBED_CHUNK = 64;
  private static final Analyzer ANALYZER = new CodeAnalyzer();
  private static final ObjectMapper JSON = KbJson.mapper();

  private final SolrAddress address;
  private final int shards;
  private final int replicas;
  private final Consumer<String> log;

  /**
   * @param shards, replicas the layout of the collection when a write creates it
   * @param log progress lines of a write
   */
  public SolrIndexStore(SolrAddress address, int shards, int replicas, Consumer<String> log) {
    if (shards < 1 || replicas < 1) {
      throw new IllegalArgumentException("a collection needs at least 1 shard and 1 replica, not " + shards + " and " + replicas);
    }
    this.address = Objects.requireNonNull(address, "address");
    this.shards = shards;
    this.replicas = replicas;
    this.log = Objects.requireNonNull(log, "log");
  }

  /** A store for reading (a write would create a collection of 1 shard, 1 replica). */
  public static SolrIndexStore at(String spec) {
    return new SolrIndexStore(SolrAddress.parse(spec), 1, 1, line -> {});
  }

  public SolrAddress address() {
    return address;
  }

  @Override
  public String name() {
    return address.toString();
  }

  @Override
  public Optional<String> fingerprint() {
    try (SolrNodes nodes = SolrNodes.connect(address)) {
      return meta(nodes).map(d -> (String) d.getFieldValue(META_FINGERPRINT));
    }
  }

  @Override
  public KnowledgeIndex open(Embedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    SolrNodes nodes = SolrNodes.connect(address);
    try {
      SolrDocument meta = meta(nodes).orElseThrow(() -> new IllegalStateException(
          "no knowledge index in " + address + ": push a KB there first (rescue kb push --kb DIR --to " + address + ")"));
      checkCompatible(meta, embedder);
      return new SolrKnowledgeIndex(nodes, address.collection(), embedder.dimension());
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  @Override
  public void write(KbLayers layers, Embedder embedder, String fingerprint) {
    write(layers, embedder, fingerprint, null, null);
  }

  /**
   * Writes {@code kb} itself (its manifest and entries, read back by {@link #readKb}) and its index,
   * with the fingerprint a folder's index of it would carry.
   */
  @Override
  public void push(KnowledgeBase kb, Embedder embedder) {
    write(kb.layers(), embedder, KbFingerprint.ofIndex(kb, embedder), kb.manifest(), KbFingerprint.of(kb));
  }

  /**
   * The KB pushed here, entries in the order pushed.
   *
   * @throws IllegalStateException when the collection holds no pushed KB, or its entries no longer
   *     match the fingerprint they were pushed with
   */
  @Override
  public KnowledgeBase readKb() {
    try (SolrNodes nodes = SolrNodes.connect(address)) {
      SolrDocument meta = meta(nodes).orElseThrow(() -> new IllegalStateException(
          "no KB in " + address + ": push one first (rescue kb push --kb DIR --to " + address + ")"));
      String manifestJson = (String) meta.getFieldValue(ENTRY);
      String pushed = (String) meta.getFieldValue(META_KB_FINGERPRINT);
      if (manifestJson == null || pushed == null) {
        throw new IllegalStateException(address + " holds an index but not the KB it was made from: push the KB with rescue kb push");
      }
      KbManifest manifest = JSON.readValue(manifestJson, KbManifest.class);
      List<CweEntry> cwes = readEntries(nodes, KIND_CWE, CweEntry.class);
      List<CodeExample> examples = readEntries(nodes, KIND_EXAMPLE, CodeExample.class);
      KnowledgeBase kb = new KnowledgeBase(manifest, cwes, examples);
      String found = KbFingerprint.of(kb);
      if (!found.equals(pushed)) {
        throw new IllegalStateException("the KB in " + address + " does not match the fingerprint it was pushed with ("
            + found + " instead of " + pushed + "): its documents were changed; push the KB again");
      }
      return kb;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the KB manifest in " + address + " is not valid: " + e.getOriginalMessage(), e);
    }
  }

  private void write(KbLayers layers, Embedder embedder, String fingerprint, KbManifest manifest, String kbFingerprint) {
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(fingerprint, "fingerprint");
    try (SolrNodes nodes = SolrNodes.connect(address)) {
      boolean replacing = ensureCollection(nodes, embedder.dimension());
      if (replacing) {
        update(nodes, new UpdateRequest().deleteByQuery("*:*"), true);
      }
      Map<String, String> causeTexts = new HashMap<>();
      for (CweEntry c : layers.cwes()) causeTexts.put(c.cwe(), LuceneKnowledgeIndex.causeText(c));
      int ord = 0;
      List<CweEntry> cwes = layers.cwes();
      for (int from = 0; from < cwes.size(); from += BATCH) {
        List<CweEntry> batch = cwes.subList(from, Math.min(cwes.size(), from + BATCH));
        Passages passages = new Passages();
        for (CweEntry c : batch) passages.add(causeTexts.get(c.cwe()));
        Map<String, float[]> vectors = passages.embed(embedder);
        // the passages in chunks of their own, so that the causes are embedded as before they were
        // added (a batch's padding can move a vector in its last digits, and the gate reads the causes)
        Passages causePassages = new Passages();
        for (CweEntry c : batch) CausePassages.of(c).forEach(causePassages::add);
        Map<String, float[]> passageVectors = causePassages.embed(embedder);
        List<SolrInputDocument> docs = new ArrayList<>();
        for (CweEntry c : batch) {
          docs.add(cweDocument(c, ord++, vectors.get(causeTexts.get(c.cwe()))));
          List<String> texts = CausePassages.of(c);
          for (int i = 0; i < texts.size(); i++) docs.add(passageDocument(c, i, passageVectors.get(texts.get(i))));
        }
        update(nodes, new UpdateRequest().add(docs), false);
      }
      List<CodeExample> examples = layers.examples();
      for (int from = 0; from < examples.size(); from += BATCH) {
        List<CodeExample> batch = examples.subList(from, Math.min(examples.size(), from + BATCH));
        Passages passages = new Passages();
        for (CodeExample e : batch) {
          passages.add(descriptionText(e, causeTexts));
          if (hasText(e.vulnerable())) passages.add(LuceneKnowledgeIndex.codePassage(e.vulnerable()));
          if (hasText(e.secure())) passages.add(LuceneKnowledgeIndex.codePassage(e.secure()));
        }
        Map<String, float[]> vectors = passages.embed(embedder);
        List<SolrInputDocument> docs = new ArrayList<>();
        for (CodeExample e : batch) docs.add(exampleDocument(e, ord++, causeTexts, vectors));
        update(nodes, new UpdateRequest().add(docs), false);
        if (to(from + batch.size(), examples.size())) log.accept("pushed " + (from + batch.size()) + "/" + examples.size() + " examples");
      }
      update(nodes, new UpdateRequest(), true);
      if (replacing) {
        // deleted documents still count in BM25's statistics until merged away: merge them out so
        // the replaced collection scores as a fresh one (and as the Lucene index) does
        UpdateRequest optimize = new UpdateRequest();
        optimize.setAction(AbstractUpdateRequest.ACTION.OPTIMIZE, true, true, 1);
        update(nodes, optimize, false);
      }
      update(nodes, new UpdateRequest().add(metaDocument(embedder, fingerprint, manifest, kbFingerprint)), true);
    }
  }

  private static boolean to(int done, int total) {
    return done == total || done % (BATCH * 40) == 0;
  }

  /** Creates the collection when missing; whether it existed (and so may hold documents to replace). */
  private boolean ensureCollection(SolrNodes nodes, int dimension) {
    if (collections(nodes).contains(address.collection())) return true;
    String config = configSetName(dimension);
    ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
        .setConfigSetName(config)
        .setUploadStream(new ContentStreamBase.ByteArrayStream(configSetZip(dimension), config + ".zip", "application/zip"))
        .setOverwrite(true)
        .setCleanup(true);
    nodes.request(upload, null);
    log.accept("creating collection " + address.collection() + " (" + shards + " shards, " + replicas
        + " replicas, configset " + config + ")");
    CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(address.collection(), config, shards, replicas);
    create.setWaitForFinalState(true);
    nodes.request(create, null);
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<String> collections(SolrNodes nodes) {
    NamedList<Object> response = nodes.request(new CollectionAdminRequest.List(), null);
    Object list = response.get("collections");
    return list == null ? List.of() : (List<String>) list;
  }

  private void update(SolrNodes nodes, UpdateRequest request, boolean commit) {
    if (commit) request.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
    request.setMethod(SolrRequest.METHOD.POST);
    nodes.request(request, address.collection());
  }

  private Optional<SolrDocument> meta(SolrNodes nodes) {
    if (!collections(nodes).contains(address.collection())) return Optional.empty();
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", "{!term f=" + KEY + "}" + META_KEY);
    params.set("fl", "*");
    params.set("rows", 1);
    SolrDocumentList docs = new QueryResponse(nodes.request(new QueryRequest(params), address.collection()), null).getResults();
    return docs.isEmpty() ? Optional.empty() : Optional.of(docs.get(0));
  }

  private void checkCompatible(SolrDocument meta, Embedder embedder) {
    IndexCompatibility.check(address, meta.getFieldValue(META_SCHEMA), SCHEMA_VERSION, meta.getFieldValue(META_EMBEDDER_ID),
        meta.getFieldValue(META_EMBEDDER_DIMENSION), embedder, "push the KB again");
  }


  private <T> List<T> readEntries(SolrNodes nodes, String kind, Class<T> type) {
    List<T> out = new ArrayList<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      ModifiableSolrParams params = new ModifiableSolrParams();
      params.set("q", "{!term f=" + KIND + "}" + kind);
      params.set("fl", ENTRY);
      params.set("sort", ORD + " asc," + KEY + " asc");
      params.set("rows", 1000);
      params.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse page = new QueryResponse(nodes.request(new QueryRequest(params, SolrRequest.METHOD.POST), address.collection()), null);
      for (SolrDocument d : page.getResults()) {
        String json = (String) d.getFieldValue(ENTRY);
        try {
          out.add(JSON.readValue(json, type));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("a " + kind + " document in " + address + " is not valid: " + e.getOriginalMessage(), e);
        }
      }
      String nextCursor = page.getNextCursorMark();
      if (nextCursor == null || nextCursor.equals(cursor)) return out;
      cursor = nextCursor;
    }
  }

  private static SolrInputDocument cweDocument(CweEntry c, int ord, float[] cause) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(KEY, KIND_CWE + "/" + c.cwe());
    d.setField(KIND, KIND_CWE);
    d.setField(ID, c.cwe());
    d.setField(ORD, ord);
    preAnalyzed(LuceneKnowledgeIndex.cweApiText(c)).ifPresent(tokens -> d.setField(KbLayers.derived(c) ? LAYER_APIS : APIS, tokens));
    d.setField(CAUSE_VECTOR, list(cause));
    d.setField(ENTRY, json(c));
    return d;
  }

  private static SolrInputDocument passageDocument(CweEntry c, int i, float[] passage) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(KEY, KIND_PASSAGE + "/" + c.cwe() + "/" + i);
    d.setField(KIND, KIND_PASSAGE);
    d.setField(ID, c.cwe());
    d.setField(CWE, c.cwe());
    d.setField(CAUSE_PASSAGE_VECTOR, list(passage));
    return d;
  }

  private static SolrInputDocument exampleDocument(CodeExample e, int ord, Map<String, String> causeTexts,
      Map<String, float[]> vectors) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(KEY, KIND_EXAMPLE + "/" + e.id());
    d.setField(KIND, KIND_EXAMPLE);
    d.setField(ID, e.id());
    d.setField(ORD, ord);
    d.setField(CWE, e.cwe());
    d.setField(LANGUAGE, e.language().id());
    preAnalyzed(String.join("\n", e.apis())).ifPresent(tokens -> d.setField(KbLayers.derived(e) ? LAYER_APIS : APIS, tokens));
    d.setField(DESCRIPTION_VECTOR, list(vectors.get(descriptionText(e, causeTexts))));
    boolean code = false;
    if (hasText(e.vulnerable())) {
      d.setField(VULNERABLE_VECTOR, list(vectors.get(LuceneKnowledgeIndex.codePassage(e.vulnerable()))));
      code = true;
    }
    if (hasText(e.secure())) {
      d.setField(SECURE_VECTOR, list(vectors.get(LuceneKnowledgeIndex.codePassage(e.secure()))));
      code = true;
    }
    d.setField(HAS_CODE, code);
    d.setField(ENTRY, json(e));
    return d;
  }

  private static SolrInputDocument metaDocument(Embedder embedder, String fingerprint, KbManifest manifest,
      String kbFingerprint) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(KEY, META_KEY);
    d.setField(KIND, KIND_META);
    d.setField(META_SCHEMA, SCHEMA_VERSION);
    d.setField(META_EMBEDDER_ID, embedder.id());
    d.setField(META_EMBEDDER_DIMENSION, embedder.dimension());
    d.setField(META_FINGERPRINT, fingerprint);
    if (manifest != null) d.setField(ENTRY, json(manifest));
    if (kbFingerprint != null) d.setField(META_KB_FINGERPRINT, kbFingerprint);
    return d;
  }

  /**
   * The text an example's description vector is made from, as the Lucene adapter chooses it: its
   * description, else its CWE's cause text, else the CWE id.
   */
  private static String descriptionText(CodeExample e, Map<String, String> causeTexts) {
    if (hasText(e.description())) return e.description();
    String cause = causeTexts.get(e.cwe());
    return cause != null ? cause : e.cwe();
  }

  /** The API text as the JSON token stream of a {@code PreAnalyzedField}; empty when it has no token. */
  static Optional<String> preAnalyzed(String text) {
    List<Map<String, Object>> tokens = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream(APIS, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("t", term.toString());
        token.put("i", increment.getPositionIncrement());
        tokens.add(token);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse API text", e);
    }
    if (tokens.isEmpty()) return Optional.empty();
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("v", "1");
    stream.put("tokens", tokens);
    return Optional.of(json(stream));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static List<Float> list(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float x : v) out.add(x);
    return out;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  /** Distinct texts of one batch, embedded together in chunks. */
  private static final class Passages {
    private final List<String> texts = new ArrayList<>();
    private final Map<String, float[]> vectors = new HashMap<>();

    void add(String text) {
      if (vectors.putIfAbsent(text, new float[0]) == null) texts.add(text);
    }

    Map<String, float[]> embed(Embedder embedder) {
      for (int from = 0; from < texts.size(); from += EMBED_CHUNK) {
        List<String> chunk = texts.subList(from, Math.min(texts.size(), from + EMBED_CHUNK));
        List<float[]> out = embedder.embedPassages(chunk);
        if (out.size() != chunk.size()) {
          throw new IllegalStateException("embedder " + embedder.id() + " returned " + out.size() + " vectors for "
              + chunk.size() + " passages");
        }
        for (int i = 0; i < chunk.size(); i++) {
          if (out.get(i).length != embedder.dimension()) {
            throw new IllegalStateException("embedder " + embedder.id() + " returned a " + out.get(i).length
                + "-d vector, it declares " + embedder.dimension());
          }
          vectors.put(chunk.get(i), out.get(i));
        }
      }
      return vectors;
    }
  }
}

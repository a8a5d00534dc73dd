package dev.rescue.solr;

import static dev.rescue.solr.SolrSchema.*;

import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.LuceneKnowledgeIndex;
import dev.rescue.model.CweIds;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.Group;
import org.apache.solr.client.solrj.response.GroupCommand;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The SolrCloud adapter of {@link KnowledgeIndex}: every search is one query to a live node, which
 * fans it out to a replica of each shard and merges the best {@code n}.
 *
 * <p><b>Dense facets are exact, as the Lucene adapter's brute force is</b>: the query is a function
 * query, {@code {!func}vectorSimilarity(FIELD, [query vector])}, which scores every document passing
 * the filters with the field's cosine, so no HNSW approximation can drop a document ({@code {!knn}}
 * would search the graph, exact only when topK covers every filtered document). The function returns
 * Lucene's {@code (1 + cos) / 2}; hits carry the raw cosine {@code 2s - 1}, the scale the gates are
 * calibrated on. The code facet takes the {@code max} of the vulnerable and the secure side. A CWE's
 * cause passages are documents of their own, grouped by CWE at query time (distributed grouping
 * merges each group's best across shards), so a CWE's passage score is its best passage's, as in
 * the Lucene adapter's multi-valued field. Ties break by id, as in the Lucene adapter.
 *
 * <p><b>API facet</b>: the API calls analysed by the Lucene adapter's own analysis (distinct terms,
 * first seen first, as many as a boolean query may hold), one SHOULD term query each, so scores are
 * the sum of BM25 over matched terms, as in Lucene; filters go to {@code fq} and do not score. Ties
 * break by the documents' order in the KB, as Lucene's do by document number.
 *
 * <p>Thread-safe; {@link #close} closes the connections it owns.
 */
final class SolrKnowledgeIndex implements KnowledgeIndex {
  private final SolrNodes nodes;
  private final String collection;
  private final int dimension;

  SolrKnowledgeIndex(SolrNodes nodes, String collection, int dimension) {
    this.nodes = nodes;
    this.collection = collection;
    this.dimension = dimension;
  }

  @Override
  public List<Hit> cwesByCause(float[] query, int n) {
    return dense(query, new String[] {CAUSE_VECTOR}, KIND_CWE, Set.of(), null, checkN(n));
  }

  /** The passages grouped by CWE, each group's best first: a CWE's score is its best passage's, across shards. */
  @Override
  public List<Hit> cwesByCausePassage(float[] query, int n) {
    return dense(query, new String[] {CAUSE_PASSAGE_VECTOR}, KIND_PASSAGE, Set.of(), null, checkN(n), CWE);
  }

  @Override
  public List<Hit> cwesByApis(List<String> apiCalls, int n) {
    return bm25(apiCalls, KIND_CWE, Set.of(), null, checkN(n));
  }

  @Override
  public List<Hit> examplesByCause(float[] query, Set<String> cwes, Language language, int n) {
    return dense(query, new String[] {DESCRIPTION_VECTOR}, KIND_EXAMPLE, CweIds.normalizeAll(cwes), language, checkN(n));
  }

  @Override
  public List<Hit> examplesByApis(List<String> apiCalls, Set<String> cwes, Language language, int n) {
    return bm25(apiCalls, KIND_EXAMPLE, CweIds.normalizeAll(cwes), language, checkN(n));
  }

  @Override
  public List<Hit> examplesByCode(float[] codeVector, Set<String> cwes, Language language, int n) {
    return dense(codeVector, new String[] {VULNERABLE_VECTOR, SECURE_VECTOR}, KIND_EXAMPLE, CweIds.normalizeAll(cwes), language,
        checkN(n));
  }

  @Override
  public void close() {
    nodes.close();
  }

  private List<Hit> dense(float[] query, String[] fields, String kind, Set<String> cwes, Language language, int n) {
    return dense(query, fields, kind, cwes, language, n, null);
  }

  /** @param groupBy the field whose every value keeps only its best document, or null for every document */
  private List<Hit> dense(float[] query, String[] fields, String kind, Set<String> cwes, Language language, int n,
      String groupBy) {
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query vector has " + query.length + " dimensions, the index holds " + dimension);
    }
    if (n == 0 || !hasDirection(query)) return List.of(); // a zero vector matches nothing, as in Lucene
    String vector = literal(query);
    StringBuilder function = new StringBuilder();
    for (String field : fields) {
      String similarity = "vectorSimilarity(" + field + "," + vector + ")";
      function.append(function.length() == 0 ? similarity : "," + similarity);
    }
    String q = fields.length == 1 ? function.toString() : "max(" + function + ")";
    ModifiableSolrParams params = filters(kind, cwes, language);
    params.set("q", "{!func}" + q);
    if (fields.length > 1) params.add("fq", HAS_CODE + ":true"); // examples without code have no code vector
    params.set("sort", "score desc," + ID + " asc");
    if (groupBy != null) {
      params.set("group", true);
      params.set("group.field", groupBy);
      params.set("group.limit", 1);
    }
    List<Hit> hits = new ArrayList<>();
    for (SolrDocument d : search(params, n)) {
      double cosine = 2.0 * ((Number) d.getFieldValue("score")).doubleValue() - 1.0;
      hits.add(new Hit((String) d.getFieldValue(ID), Math.max(-1.0, Math.min(1.0, cosine))));
    }
    return hits;
  }

  private List<Hit> bm25(List<String> apiCalls, String kind, Set<String> cwes, Language language, int n) {
    Set<String> terms = LuceneKnowledgeIndex.analyze(apiCalls);
    if (terms.isEmpty() || n == 0) return List.of();
    ModifiableSolrParams params = filters(kind, cwes, language);
    StringBuilder bool = new StringBuilder("{!bool");
    int i = 0;
    for (String term : LuceneKnowledgeIndex.queryTerms(terms)) { // the Lucene adapter's cut and fields
      for (String field : new String[] {APIS, LAYER_APIS}) {
        bool.append(" should=$t").append(i);
        params.set("t" + i, "{!term f=" + field + "}" + term);
        i++;
      }
    }
    params.set("q", bool.append('}').toString());
    params.set("sort", "score desc," + ORD + " asc");
    List<Hit> hits = new ArrayList<>();
    for (SolrDocument d : search(params, n)) {
      hits.add(new Hit((String) d.getFieldValue(ID), ((Number) d.getFieldValue("score")).doubleValue()));
    }
    return hits;
  }

  private static ModifiableSolrParams filters(String kind, Set<String> cwes, Language language) {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.add("fq", "{!term f=" + KIND + "}" + kind);
    if (!cwes.isEmpty()) params.add("fq", "{!terms f=" + CWE + "}" + String.join(",", cwes));
    if (language != null) params.add("fq", "{!term f=" + LANGUAGE + "}" + language.id());
    return params;
  }

  private List<SolrDocument> search(ModifiableSolrParams params, int n) {
    params.set("rows", n);
    params.set("fl", ID + ",score");
    // POST: a 384-d vector literal twice is longer than some proxies let a URL be
    QueryRequest request = new QueryRequest(params, SolrRequest.METHOD.POST);
    QueryResponse response = new QueryResponse(nodes.request(request, collection), null);
    if (response.getGroupResponse() == null) return response.getResults();
    List<SolrDocument> best = new ArrayList<>(); // each group's best document, in the groups' order
    for (GroupCommand command : response.getGroupResponse().getValues()) {
      for (Group group : command.getValues()) best.addAll(group.getResult());
    }
    return best;
  }

  private static String literal(float[] v) {
    StringBuilder s = new StringBuilder(v.length * 12).append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) s.append(',');
      // Float.toString round-trips to the same float; written plainly, as Solr's parser takes no exponent
      s.append(new java.math.BigDecimal(Float.toString(v[i])).toPlainString());
    }
    return s.append(']').toString();
  }

  private static boolean hasDirection(float[] v) {
    double sum = 0;
    for (float x : v) sum += (double) x * x;
    return sum > 0 && Double.isFinite(sum);
  }

  private static int checkN(int n) {
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, was " + n);
    return n;
  }
}

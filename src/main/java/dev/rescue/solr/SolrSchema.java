package dev.rescue.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The collection's fields and its configset. One collection holds both KB layers (a document per
 * CWE, per CWE cause passage and per example, told apart by {@link #KIND}) and one meta document carrying the KB's manifest
 * and the index's fingerprint, written last.
 *
 * <p><b>API facet</b>: {@link #APIS} is a {@code PreAnalyzedField}: rescue analyses the API text
 * with the same {@code CodeAnalyzer} as the Lucene adapter and sends the token stream, positions
 * included (a part of {@code yaml.safe_load} is stacked on the original, position increment 0), so
 * Solr indexes exactly the terms, frequencies and lengths Lucene does (BM25 discounts stacked tokens
 * from the length). Solr does not have rescue's analyzer classes, and an uploaded configset may not
 * load jars. Query terms are analysed by rescue too; the query side of the field keeps each as it
 * is. {@code ExactStatsCache} makes BM25's statistics those of the whole collection, not of the
 * shard a document happens to be on, so scores equal a single Lucene index's.
 *
 * <p><b>Dense facets</b>: {@code DenseVectorField}s with cosine similarity, queried by the {@code
 * vectorSimilarity} function over every matching document, which is exact like the Lucene adapter's
 * brute force (see {@link SolrKnowledgeIndex}). Solr builds an HNSW graph for such fields whether or
 * not it is used; rescue never searches it, so it is built as cheaply as Lucene allows (few
 * connections, narrow beam): a {@code {!knn}} user of the collection would want Solr's defaults.
 */
final class SolrSchema {
  private SolrSchema() {}

  /** Bumped when fields change; a collection of another schema is refused at open. */
  static final String SCHEMA_VERSION = "3"; // 2: layer_apis; 3: cause passages

  static final String KEY = "key";
  static final String KIND = "kind";
  static final String KIND_CWE = "cwe";
  static final String KIND_EXAMPLE = "example";
  static final String KIND_META = "meta";
  /**
   * One cause passage of a CWE ({@link dev.rescue.index.CausePassages}): its {@link #ID} and {@link
   * #CWE} are the CWE's, so that the best passage of each CWE is one group of a query grouped by CWE.
   * A document of its own, as a {@code DenseVectorField} holds one vector per document.
   */
  static final String KIND_PASSAGE = "passage";
  static final String META_KEY = "rescue-meta";

  static final String ID = "id";
  /** Position in the KB: BM25 ties break by it, as they do by document order in the Lucene index. */
  static final String ORD = "ord";
  static final String CWE = "cwe";
  static final String LANGUAGE = "language";
  static final String APIS = "apis";
  /** The MITRE-derived layer's API names, apart from the curated ones as in the Lucene adapter (see {@code KbLayers}). */
  static final String LAYER_APIS = "layer_apis";
  static final String HAS_CODE = "has_code";
  static final String CAUSE_VECTOR = "cause_vec";
  static final String CAUSE_PASSAGE_VECTOR = "cause_passage_vec";
  static final String DESCRIPTION_VECTOR = "description_vec";
  static final String VULNERABLE_VECTOR = "vulnerable_vec";
  static final String SECURE_VECTOR = "secure_vec";
  /** The CWE entry or example as the KB's JSON (the manifest on the meta document): the KB is read back from these. */
  static final String ENTRY = "entry";

  static final String META_SCHEMA = "rescue_schema";
  static final String META_EMBEDDER_ID = "rescue_embedder_id";
  static final String META_EMBEDDER_DIMENSION = "rescue_embedder_dimension";
  static final String META_FINGERPRINT = "rescue_fingerprint";
  static final String META_KB_FINGERPRINT = "rescue_kb_fingerprint";

  /** Lucene 9's limit for indexed vectors; larger embedders (e.g. 3072-d) cannot be pushed. */
  static final int MAX_DIMENSION = 1024;

  /** The configset of collections holding vectors of {@code dimension}. */
  static String configSetName(int dimension) {
    return "rescue-s" + SCHEMA_VERSION + "-d" + dimension;
  }

  /** The configset as the zip the ConfigSets API takes. */
  static byte[] configSetZip(int dimension) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException("Solr (Lucene 9) indexes vectors of at most " + MAX_DIMENSION
          + " dimensions; this embedder makes " + dimension);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(SOLRCONFIG.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(SCHEMA.replace("@DIMENSION@", Integer.toString(dimension)).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static final String SOLRCONFIG = """
      <?xml version="1.0" encoding="UTF-8"?>
      <config>
        <luceneMatchVersion>9.12</luceneMatchVersion>
        <dataDir>${solr.data.dir:}</dataDir>
        <directoryFactory name="DirectoryFactory" class="${solr.directoryFactory:solr.NRTCachingDirectoryFactory}"/>
        <schemaFactory class="ClassicIndexSchemaFactory"/>
        <updateHandler class="solr.DirectUpdateHandler2">
          <updateLog><str name="dir">${solr.ulog.dir:}</str></updateLog>
        </updateHandler>
        <query>
          <maxBooleanClauses>${solr.max.booleanClauses:1024}</maxBooleanClauses>
          <filterCache size="512" initialSize="64" autowarmCount="0"/>
        </query>
        <!-- BM25 over the collection's statistics, not each shard's -->
        <statsCache class="org.apache.solr.search.stats.ExactStatsCache"/>
        <requestHandler name="/select" class="solr.SearchHandler"/>
      </config>
      """;

  private static final String SCHEMA = """
      <?xml version="1.0" encoding="UTF-8"?>
      <schema name="rescue-kb" version="1.6">
        <uniqueKey>key</uniqueKey>
        <fieldType name="string" class="solr.StrField" sortMissingLast="true" docValues="true"/>
        <fieldType name="stored" class="solr.StrField" indexed="false" stored="true" docValues="false"/>
        <fieldType name="pint" class="solr.IntPointField" docValues="true"/>
        <fieldType name="plong" class="solr.LongPointField" docValues="true"/>
        <fieldType name="boolean" class="solr.BoolField"/>
        <fieldType name="api_terms" class="solr.PreAnalyzedField" parserImpl="json">
          <analyzer type="query"><tokenizer class="solr.KeywordTokenizerFactory"/></analyzer>
        </fieldType>
        <fieldType name="vector" class="solr.DenseVectorField" vectorDimension="@DIMENSION@" similarityFunction="cosine"
                   knnAlgorithm="hnsw" hnswMaxConnections="4" hnswBeamWidth="8"/>

        <field name="_version_" type="plong" indexed="false" stored="false"/>
        <field name="key" type="string" indexed="true" stored="true" required="true"/>
        <field name="kind" type="string" indexed="true" stored="true" required="true"/>
        <field name="id" type="string" indexed="true" stored="true"/>
        <field name="ord" type="pint" indexed="true" stored="true"/>
        <field name="cwe" type="string" indexed="true" stored="true"/>
        <field name="language" type="string" indexed="true" stored="true"/>
        <field name="apis" type="api_terms" indexed="true" stored="false"/>
        <field name="layer_apis" type="api_terms" indexed="true" stored="false"/>
        <field name="has_code" type="boolean" indexed="true" stored="false"/>
        <field name="cause_vec" type="vector" indexed="true" stored="false"/>
        <field name="cause_passage_vec" type="vector" indexed="true" stored="false"/>
        <field name="description_vec" type="vector" indexed="true" stored="false"/>
        <field name="vulnerable_vec" type="vector" indexed="true" stored="false"/>
        <field name="secure_vec" type="vector" indexed="true" stored="false"/>
        <field name="entry" type="stored"/>
        <field name="rescue_schema" type="string" indexed="true" stored="true"/>
        <field name="rescue_embedder_id" type="string" indexed="true" stored="true"/>
        <field name="rescue_embedder_dimension" type="pint" indexed="true" stored="true"/>
        <field name="rescue_fingerprint" type="string" indexed="true" stored="true"/>
        <field name="rescue_kb_fingerprint" type="string" indexed="true" stored="true"/>
      </schema>
      """;
}

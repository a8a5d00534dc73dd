package dev.rescue.index;

/** One search result: a CWE id or an example id, and its raw score (cosine or BM25). */
public record Hit(String id, double score) {}

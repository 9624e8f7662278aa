package io.govassist.store;

/** Which rankings a search uses. */
public enum RetrievalMode {
    /** Dense (vector) and lexical (BM25) ranks fused by weighted reciprocal rank fusion. */
    HYBRID,
    /** Vector similarity only. */
    DENSE,
    /** BM25 over Chinese tokens only. */
    LEXICAL
}

package io.govassist.models;

/** How token vectors become one sentence vector. */
public enum PoolingMode {
    /** The [CLS] token's vector (BGE). */
    CLS,
    /** Mean of the token vectors under the attention mask (sentence-transformers style). */
    MEAN
}

package io.govassist.ingestion;

/**
 * Kinds of structural markers, from the outermost to the innermost. A marker closes every open clause
 * of the same or a deeper kind.
 */
public enum MarkerType {
    /** 第一部分 (policy documents). */
    PART,
    /** 第一编 (codes such as 民法典). Container. */
    BOOK,
    /** 第一章. Container. */
    CHAPTER,
    /** 第一节. Container. */
    SECTION,
    /** 第一条: an article of a law or regulation; its paragraphs and items stay inside it. */
    ARTICLE,
    /**
     * {@code 1 总则}: the first level of a decimal outline (emergency plans, 预案, and standards number their
     * sections {@code 1}, {@code 1.1}, {@code 1.1.1}).
     */
    OUTLINE_1,
    /** {@code 1.1 编制目的}: the second level of a decimal outline. */
    OUTLINE_2,
    /** {@code 1.1.1 …}: the third level of a decimal outline. */
    OUTLINE_3,
    /** 一、 */
    CN_NUMBER,
    /** （一） — in laws an item (项) inside an article. */
    CN_PAREN,
    /** 1. / 1、 / 1． */
    ARABIC,
    /** （1） */
    ARABIC_PAREN,
    /** Unnumbered text: the preamble ({@code 前言}) or the closing part ({@code 结尾}). */
    NONE;

    /** 编, 章 and 节 only group articles: they appear in paths but not in labels and are never clauses themselves. */
    public boolean isContainer() {
        return this == BOOK || this == CHAPTER || this == SECTION;
    }

    /** A level of a decimal outline ({@code 1}, {@code 1.1}, {@code 1.1.1}): its marker names its ancestors too. */
    public boolean isOutline() {
        return this == OUTLINE_1 || this == OUTLINE_2 || this == OUTLINE_3;
    }

    int depth() {
        return ordinal();
    }
}

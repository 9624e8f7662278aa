package io.govassist.ingestion;

import java.util.List;

/**
 * A policy document's metadata and clause tree, as recognised by {@link PolicyStructureParser}.
 *
 * @param source   file name or path
 * @param metadata document metadata
 * @param roots    top-level nodes in document order; the preamble (if any) is the first, with type
 *                 {@link MarkerType#NONE} and heading {@code 前言}; a closing unit (signature, attachment
 *                 list) has heading {@code 结尾}
 */
public record PolicyStructure(String source, PolicyMetadata metadata, List<ClauseNode> roots) {

    public PolicyStructure {
        roots = List.copyOf(roots);
    }

    /** Number of {@link MarkerType#ARTICLE} nodes in the tree. */
    public long articleCount() {
        return count(roots);
    }

    private static long count(List<ClauseNode> nodes) {
        long n = 0;
        for (ClauseNode node : nodes) {
            n += (node.type() == MarkerType.ARTICLE ? 1 : 0) + count(node.children());
        }
        return n;
    }
}

package io.govassist.ingestion;

import java.util.List;

/**
 * One node of a policy document's clause tree.
 *
 * @param type     the marker kind; {@link MarkerType#NONE} for the unnumbered preamble and closing units
 * @param marker   the canonical marker, e.g. {@code 二、}, {@code （十五）}, {@code 1.}, {@code 第二章},
 *                 {@code 第二十一条}; empty for {@link MarkerType#NONE}
 * @param heading  the short title after the marker ({@code 重点任务}, {@code 人工智能+政务服务},
 *                 {@code 政府信息公开的主体和范围}); empty for articles and for markers followed by a long sentence;
 *                 {@code 前言}/{@code 结尾} for unnumbered units
 * @param text     the node's own text, marker line included, up to its first child; lines separated by
 *                 {@code \n}. An article's text holds all its paragraphs (款) and items (项).
 * @param children sub-clauses in document order
 * @param units    responsible units stated in this node's own text
 */
public record ClauseNode(MarkerType type, String marker, String heading, String text, List<ClauseNode> children,
                         ResponsibleUnits units) {

    public static final String TRAILER_HEADING = "结尾";

    public ClauseNode {
        children = List.copyOf(children);
        marker = marker == null ? "" : marker;
        heading = heading == null ? "" : heading;
        text = text == null ? "" : text;
        if (units == null) {
            units = ResponsibleUnits.NONE;
        }
    }

    /**
     * The path element: marker and heading, e.g. {@code 二、重点任务}, {@code （十五）人工智能+政务服务},
     * {@code 第二章 政府信息公开的主体和范围} (containers put a space between), {@code 第二十一条}.
     */
    public String pathElement() {
        if (heading.isEmpty() || type == MarkerType.NONE) {
            return marker;
        }
        boolean spaced = type.isContainer() || type == MarkerType.PART || type.isOutline();
        return marker + (spaced ? " " : "") + heading;
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }
}

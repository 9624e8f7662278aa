package io.govassist.ingestion;

import java.util.List;

/**
 * The smallest citable unit of a policy document: one chunk that is embedded, indexed and cited.
 *
 * @param path             headings from the top, each beginning with its marker, e.g.
 *                         {@code ["二、重点任务", "（十五）人工智能+政务服务"]} or {@code ["第二章 政府信息公开的主体和范围", "第二十一条"]};
 *                         empty for preamble text
 * @param markers          the structural markers of {@code path} in canonical full-width form, e.g.
 *                         {@code ["二、", "（十五）"]} or {@code ["第二章", "第二十一条"]}; same size as {@code path}
 * @param label            the compact citation: {@code 二、（十五）}, {@code 第二十一条}, {@code 前言}
 * @param text             the clause text as shown to users (heading line included)
 * @param responsibleUnits lead and cooperating units, {@link ResponsibleUnits#NONE} if none
 * @param part             0 for a whole clause; 1, 2, … for the parts of a clause split at sentence ends
 */
public record Clause(List<String> path, List<String> markers, String label, String text,
                     ResponsibleUnits responsibleUnits, int part) {

    public static final String PREAMBLE_LABEL = "前言";

    public Clause {
        path = List.copyOf(path);
        markers = List.copyOf(markers);
        if (path.size() != markers.size()) {
            throw new IllegalArgumentException("path and markers differ in length: " + path + " / " + markers);
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("clause text must not be blank (" + label + ")");
        }
        if (responsibleUnits == null) {
            responsibleUnits = ResponsibleUnits.NONE;
        }
        if (part < 0) {
            throw new IllegalArgumentException("part must be >= 0");
        }
    }
}

package io.govassist.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * A configured source: a portal's policy column.
 *
 * @param id          UUID
 * @param name        what staff call it (e.g. 国务院政策文件库)
 * @param listUrl     the column's list page (http or https)
 * @param linkPattern a regular expression found in the absolute URL of every document page to follow
 * @param listPages   most list pages read per run, following 下一页 / {@code rel="next"} links from the first
 * @param schedule    when it runs by itself ({@link Schedule} syntax), or {@code null}: only when run by hand
 * @param delayMs     least pause between two requests to the portal, in milliseconds
 * @param enabled     whether it runs at all (by schedule or by hand)
 * @param knowledgeBase the knowledge base its pages are added to, or {@code null} (they belong to none of their own)
 */
record SyncSource(String id, String name, String listUrl, String linkPattern, int listPages, String schedule,
                  int delayMs,
                  boolean enabled, String knowledgeBase, String createdBy, Instant createdAt, String updatedBy,
                  Instant updatedAt) {

    SyncSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listUrl, "listUrl");
        Objects.requireNonNull(linkPattern, "linkPattern");
        if (delayMs < 0 || listPages < 1) {
            throw new IllegalArgumentException("delayMs must not be negative, listPages must be positive");
        }
    }
}

package io.govassist.search;

import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of document a question names — “这个方案”, “条例里”, “征求意见稿”, “哪部法律” — and the stored documents of that
 * kind, read from their titles (方案, 意见, 通知, 条例, 办法, 规定, 决定, 解释, 规划, 批复, …; 法律 for statutes). A question
 * that names a kind is a signal about where its answer is, stronger than any prior: {@link HybridClauseRetriever}
 * searches again within those documents and fuses that ranking in, and a question naming a non-statute kind does
 * not get the statute ranking.
 *
 * <p>The document list is read from {@link ClauseStore#listDocuments()} and kept for {@link #TTL}.
 */
final class NamedDocumentKinds {

    static final Duration TTL = Duration.ofSeconds(30);

    /** The statute kind: its documents are the statute documents, not titles with a word. */
    static final String LAW = "法律";
    static final String DRAFT = "征求意见稿";

    /** Kind words of titles, as a question names them (the longer first: 实施方案 before 方案). */
    private static final List<String> TITLE_KINDS = List.of("方案", "意见", "通知", "条例", "办法", "规定", "决定",
            "解释", "规划", "纲要", "批复", "细则", "规则", "指南", "指引", "计划", "措施");
    // 征求意见 is a draft, not an 意见; 规定 and 决定 are also verbs ("法律规定", "决定是否"): only as nouns after 这/该/本/哪
    private static final Pattern DRAFT_WORDS = Pattern.compile("征求意见稿|征求意见|草案|送审稿");
    private static final Pattern LAW_WORDS = Pattern.compile("法律|哪部法|什么法|这部法|该法|本法|法条");
    private static final Pattern VERB_KINDS = Pattern.compile("(?<![这该本哪那此份个项部])(规定|决定|解释|计划|措施)");
    private static final Pattern TRAILING_PARENTHESIS = Pattern.compile("[（(][^（）()]*[）)]$");

    private final Supplier<List<DocumentRecord>> documents;
    private final StatuteDocuments statutes;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(List<DocumentRecord> documents, Instant readAt) {
    }

    NamedDocumentKinds(ClauseStore store, StatuteDocuments statutes, Clock clock) {
        this(store::listDocuments, statutes, clock);
    }

    NamedDocumentKinds(Supplier<List<DocumentRecord>> documents, StatuteDocuments statutes, Clock clock) {
        this.documents = documents;
        this.statutes = statutes;
        this.clock = clock;
    }

    /** The kinds a question names, in a fixed order: title words, {@link #LAW}, {@link #DRAFT}. */
    static Set<String> named(String question) {
        Set<String> kinds = new LinkedHashSet<>();
        String q = question;
        if (DRAFT_WORDS.matcher(q).find()) {
            kinds.add(DRAFT);
            q = DRAFT_WORDS.matcher(q).replaceAll("");
        }
        String nounsOnly = VERB_KINDS.matcher(q).replaceAll("");
        for (String kind : TITLE_KINDS) {
            if (nounsOnly.contains(kind)) {
                kinds.add(kind);
            }
        }
        Matcher law = LAW_WORDS.matcher(q);
        if (law.find()) {
            kinds.add(LAW);
        }
        return kinds;
    }

    /** Whether a question names only kinds that are not statutes (then the statute prior does not apply). */
    static boolean namesOnlyNonStatutes(Set<String> kinds) {
        return !kinds.isEmpty() && !kinds.contains(LAW);
    }

    /** The ids of stored documents of any of these kinds, sorted. */
    List<String> documentIds(Set<String> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        Set<String> statuteIds = kinds.contains(LAW) ? statutes.ids() : Set.of();
        return current().stream().filter(d -> statuteIds.contains(d.id()) || isOfKind(d, kinds))
                .map(DocumentRecord::id).sorted().toList();
    }

    static boolean isOfKind(DocumentRecord d, Set<String> kinds) {
        String title = d.metadata().title().strip();
        if (kinds.contains(DRAFT) && (title.contains(DRAFT) || title.contains("草案"))) {
            return true;
        }
        String bare = TRAILING_PARENTHESIS.matcher(title).replaceFirst("").strip();
        for (String kind : kinds) {
            if (!kind.equals(LAW) && !kind.equals(DRAFT) && bare.endsWith(kind)) {
                return true;
            }
        }
        // a 通知 that issues a plan (关于印发…方案的通知) is that plan too
        for (Map.Entry<String, String> wrapped : Map.of("方案的通知", "方案", "意见的通知", "意见", "办法的通知", "办法",
                "规定的通知", "规定", "规划的通知", "规划", "条例的通知", "条例").entrySet()) {
            if (bare.endsWith(wrapped.getKey()) && kinds.contains(wrapped.getValue())) {
                return true;
            }
        }
        return false;
    }

    private List<DocumentRecord> current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || now.isAfter(s.readAt().plus(TTL)) || now.isBefore(s.readAt())) {
            s = new Snapshot(List.copyOf(documents.get()), now);
            snapshot = s;
        }
        return s.documents();
    }
}

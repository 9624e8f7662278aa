package io.govassist.search;

import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents a question names: by kind — “这个方案”, “条例里”, “征求意见稿”, “哪部法律”, read from the titles (方案, 意见,
 * 通知, 条例, 办法, 规定, 决定, 解释, 规划, 批复, …; 法律 for statutes) — and by place — “四川”, “深圳”, a province or city
 * that a stored title begins with (四川省…, 深圳经济特区…). A question that names them is a signal about where its answer
 * is, stronger than any prior: {@link HybridClauseRetriever} searches again within those documents (of the named kind
 * and, when it names one, of the named place) and fuses that ranking in, and a question naming a non-statute kind
 * does not get the statute ranking.
 *
 * <p>The document list is read from {@link ClauseStore#listDocuments()} and kept for {@link #TTL}.
 */
final class NamedDocuments {

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
    /** The place a title begins with: 四川省…, 上海市…, 深圳经济特区…, 广西壮族自治区… (group 1 without the suffix). */
    private static final Pattern TITLE_PLACE = Pattern.compile(
            "^(\\p{IsHan}{2,3}?)(?:壮族|回族|维吾尔)?(省|市|自治区|特别行政区|经济特区)");

    private final Supplier<List<DocumentRecord>> documents;
    private final StatuteDocuments statutes;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** The stored documents with the place each title begins with (read once per snapshot, not per search). */
    private record Snapshot(List<DocumentRecord> documents, Map<String, String> placeById, Instant readAt) {
    }

    NamedDocuments(ClauseStore store, StatuteDocuments statutes, Clock clock) {
        this(store::listDocuments, statutes, clock);
    }

    NamedDocuments(Supplier<List<DocumentRecord>> documents, StatuteDocuments statutes, Clock clock) {
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

    /**
     * The ids of the stored documents a question names, sorted: of a named kind (any of them) and of a named place
     * (any of them) — both when it names both; empty when it names neither.
     */
    List<String> documentIds(String question) {
        return documentIds(named(question), question);
    }

    List<String> documentIds(Set<String> kinds, String question) {
        Snapshot snapshot = current();
        Set<String> places = new LinkedHashSet<>();
        for (String place : snapshot.placeById().values()) {
            if (question.contains(place)) {
                places.add(place);
            }
        }
        if (kinds.isEmpty() && places.isEmpty()) {
            return List.of();
        }
        Set<String> statuteIds = kinds.contains(LAW) ? statutes.ids() : Set.of();
        return snapshot.documents().stream()
                .filter(d -> kinds.isEmpty() || statuteIds.contains(d.id()) || isOfKind(d, kinds))
                .filter(d -> places.isEmpty() || places.contains(snapshot.placeById().get(d.id())))
                .map(DocumentRecord::id).sorted().toList();
    }

    /** The place a title begins with ({@code 四川} of 四川省贯彻落实…), or {@code null}. */
    static String place(String title) {
        Matcher m = TITLE_PLACE.matcher(title.strip());
        return m.find() ? m.group(1) : null;
    }

    static boolean isOfKind(DocumentRecord d, Set<String> kinds) {
        String title = d.metadata().title().strip();
        if (kinds.contains(DRAFT) && (title.contains(DRAFT) || title.contains("草案"))) {
            return true;
        }
        String bare = StatuteDocuments.TRAILING_PARENTHESIS.matcher(title).replaceFirst("").strip();
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

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || now.isAfter(s.readAt().plus(TTL)) || now.isBefore(s.readAt())) {
            List<DocumentRecord> all = List.copyOf(documents.get());
            Map<String, String> places = new HashMap<>();
            for (DocumentRecord d : all) {
                String place = place(d.metadata().title());
                if (place != null) {
                    places.put(d.id(), place);
                }
            }
            s = new Snapshot(all, Map.copyOf(places), now);
            snapshot = s;
        }
        return s;
    }
}

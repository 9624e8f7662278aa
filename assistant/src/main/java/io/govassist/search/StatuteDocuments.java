package io.govassist.search;

import io.govassist.ingestion.PolicyMetadata;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which stored documents are statutes (法律), for the statute ranking of {@link HybridClauseRetriever}: documents whose
 * issuer is one of the configured issuers, or whose title matches the configured pattern. The set is read from
 * {@link ClauseStore#listDocuments()} and kept for {@link #TTL}, so a search does not list every document; a statute
 * imported meanwhile joins the ranking when the set is next read.
 */
final class StatuteDocuments {

    /**
     * Default title pattern: a national law's title, 中华人民共和国 … 法 or 法典 (中华人民共和国刑法, 中华人民共和国民法典;
     * not …实施办法, …实施条例, …的解释, nor a title that merely ends in 法 such as 排序算法).
     */
    static final String DEFAULT_TITLE_PATTERN = "中华人民共和国\\p{IsHan}{1,30}(?<![办方])法典?";

    /** How long a read set of statute documents is used. */
    static final Duration TTL = Duration.ofSeconds(30);

    static final Pattern TRAILING_PARENTHESIS = Pattern.compile("[（(][^（）()]*[）)]$");

    private final Supplier<List<DocumentRecord>> documents;
    private final Set<String> issuers;
    private final Pattern titlePattern;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Set<String> ids, Instant readAt) {
    }

    StatuteDocuments(ClauseStore store, SearchQualityProperties.Statute settings, Clock clock) {
        this(store::listDocuments, settings, clock);
    }

    StatuteDocuments(Supplier<List<DocumentRecord>> documents, SearchQualityProperties.Statute settings, Clock clock) {
        this.documents = documents;
        this.issuers = Set.copyOf(settings.issuers());
        this.titlePattern = settings.titlePattern().isEmpty() ? null : Pattern.compile(settings.titlePattern());
        this.clock = clock;
    }

    /** The ids of the statute documents in the store. */
    Set<String> ids() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || now.isAfter(s.readAt().plus(TTL)) || now.isBefore(s.readAt())) {
            s = new Snapshot(documents.get().stream().filter(d -> isStatute(d.metadata()))
                    .map(DocumentRecord::id).collect(Collectors.toUnmodifiableSet()), now);
            snapshot = s;
        }
        return s.ids();
    }

    boolean isStatute(PolicyMetadata metadata) {
        if (metadata.issuer() != null && issuers.contains(metadata.issuer())) {
            return true;
        }
        if (titlePattern == null) {
            return false;
        }
        String title = TRAILING_PARENTHESIS.matcher(metadata.title().strip()).replaceFirst("").strip();
        return titlePattern.matcher(title).matches();
    }
}

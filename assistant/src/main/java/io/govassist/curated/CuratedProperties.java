package io.govassist.curated;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Curated answers in the chat (prefix {@code govassist.chat.curated}); {@code CuratedPropertiesTest} pins the
 * defaults, measured with {@code curated-eval} on eval/curated (docs/quality.md: zero near-misses matched).
 *
 * @param enabled       whether chat questions are matched against curated answers at all
 * @param minSimilarity least cosine of the two questions' query embeddings
 * @param minOverlap    least share of content bigrams the two questions have in common (over the larger set)
 */
@ConfigurationProperties("govassist.chat.curated")
public record CuratedProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.965") double minSimilarity,
                                @DefaultValue("0.50") double minOverlap) {

    public CuratedProperties {
        if (minSimilarity <= 0 || minSimilarity > 1 || minOverlap <= 0 || minOverlap > 1) {
            throw new IllegalArgumentException(
                    "govassist.chat.curated.min-similarity and min-overlap must be in (0, 1]");
        }
    }
}

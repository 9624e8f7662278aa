package io.govassist.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Website sync settings (prefix {@code govassist.sync}); {@code SyncPropertiesTest} pins the defaults.
 *
 * @param scheduling      whether this replica runs the sources' schedules (manual runs work either way)
 * @param userAgent       the User-Agent sent with every request; its first word is the robots.txt token
 * @param connectTimeout  how long connecting to the portal may take
 * @param requestTimeout  how long one request may take until the response starts
 * @param maxPageSize     largest list or document page read; a larger page fails with {@code PAGE_TOO_LARGE}
 * @param maxPagesPerRun  most document links one run follows (the rest wait for the next run)
 * @param maxRedirects    most redirects followed per request (all on the list page's host)
 * @param minInterval     shortest interval schedule a source may have
 * @param staleRun        a RUNNING run that has not finished a page for this long is taken as dead (its server
 *                        stopped), so the source can run again; longer than any one page may take
 */
@ConfigurationProperties("govassist.sync")
record SyncProperties(@DefaultValue("true") boolean scheduling,
                      @DefaultValue("GovAssistSync/1.0 (+policy-column-sync)") String userAgent,
                      @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration requestTimeout,
                      @DefaultValue("10MB") DataSize maxPageSize, @DefaultValue("1000") int maxPagesPerRun,
                      @DefaultValue("5") int maxRedirects, @DefaultValue("15m") Duration minInterval,
                      @DefaultValue("10m") Duration staleRun) {

    SyncProperties {
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("govassist.sync.user-agent must not be blank");
        }
        if (!positive(connectTimeout) || !positive(requestTimeout) || !positive(minInterval) || !positive(staleRun)) {
            throw new IllegalArgumentException("govassist.sync timeouts and intervals must be positive");
        }
        if (maxPageSize.toBytes() < 1024 || maxPagesPerRun < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException(
                    "govassist.sync.max-page-size must be at least 1KB, max-pages-per-run at least 1, "
                            + "max-redirects not negative");
        }
    }

    /** The robots.txt product token: the User-Agent's first word without its version. */
    String robotsToken() {
        String first = userAgent.strip().split("\\s+")[0];
        int slash = first.indexOf('/');
        return slash > 0 ? first.substring(0, slash) : first;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}

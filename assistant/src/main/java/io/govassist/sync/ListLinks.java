package io.govassist.sync;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document links of a list page: every {@code <a href>} resolved against the page (or its {@code <base href>}),
 * without its fragment, on the list page's host, whose absolute URL the source's pattern finds; in page order,
 * each once.
 */
final class ListLinks {

    private static final Pattern ANCHOR = Pattern.compile(
            "<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASE = Pattern.compile(
            "<base\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);

    private ListLinks() {
    }

    static List<URI> extract(byte[] html, URI page, Pattern linkPattern) {
        String text = new String(html, StandardCharsets.UTF_8);
        URI base = page;
        Matcher b = BASE.matcher(text);
        if (b.find()) {
            URI declared = resolve(page, value(b));
            if (declared != null) {
                base = declared;
            }
        }
        Set<URI> links = new LinkedHashSet<>();
        Matcher a = ANCHOR.matcher(text);
        while (a.find()) {
            URI link = resolve(base, value(a));
            if (link != null && link.getHost().equalsIgnoreCase(page.getHost())
                    && linkPattern.matcher(link.toString()).find()) {
                links.add(link);
            }
        }
        return new ArrayList<>(links);
    }

    private static String value(Matcher m) {
        String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        return v.strip().replace("&amp;", "&").replace("&#38;", "&");
    }

    /** The absolute http(s) URL without fragment, or {@code null} (javascript:, mailto:, malformed …). */
    static URI resolve(URI base, String href) {
        if (href.isEmpty() || href.startsWith("#")) {
            return null;
        }
        try {
            URI uri = base.resolve(href.replace(" ", "%20"));
            if (!PageFetcher.webScheme(uri)) {
                return null;
            }
            String text = uri.normalize().toString();
            int hash = text.indexOf('#');
            return new URI(hash < 0 ? text : text.substring(0, hash));
        } catch (IllegalArgumentException | URISyntaxException e) {
            return null;
        }
    }
}

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

    /** Longest start tag looked into; longer ones (never a real link) are skipped. */
    private static final int MAX_TAG = 8000;
    /** Longest anchor content read for the next-page label. */
    private static final int MAX_LABEL = 300;
    private static final Pattern HREF = Pattern.compile(
            "\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern REL_NEXT = Pattern.compile("\\brel\\s*=\\s*[\"']?next\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEXT_TEXT = Pattern.compile("(下一页|下页|后一页|next)\\s*[>›»]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private ListLinks() {
    }

    /** A start tag's attribute text and the text up to its end tag (at most {@link #MAX_LABEL} characters). */
    private record Tag(String attributes, String content) {
    }

    /**
     * The start tags {@code <name …>} of an HTML text, scanned in one pass (no regular expression over the whole
     * page, so a hostile page of unclosed tags costs linear time).
     */
    private static List<Tag> tags(String html, String name) {
        String open = "<" + name;
        String close = "</" + name;
        List<Tag> tags = new ArrayList<>();
        int n = html.length();
        int i = 0;
        while ((i = indexOfIgnoreCase(html, open, i, n)) >= 0) {
            int after = i + open.length();
            if (after >= n || !(Character.isWhitespace(html.charAt(after)) || html.charAt(after) == '>')) {
                i = after;
                continue;
            }
            int gt = html.indexOf('>', after);
            if (gt < 0) {
                break;
            }
            if (gt - after <= MAX_TAG) {
                int end = indexOfIgnoreCase(html, close, gt + 1, Math.min(n, gt + 1 + MAX_LABEL + close.length()));
                tags.add(new Tag(html.substring(after, gt), end < 0 ? "" : html.substring(gt + 1, end)));
            }
            i = gt + 1;
        }
        return tags;
    }

    /** Where {@code needle} (starting with '<') next occurs in {@code text} from {@code from}, before {@code limit}. */
    private static int indexOfIgnoreCase(String text, String needle, int from, int limit) {
        int i = from;
        while ((i = text.indexOf('<', i)) >= 0 && i + needle.length() <= limit) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static String href(Tag tag) {
        Matcher m = HREF.matcher(tag.attributes());
        return m.find() ? value(m) : null;
    }

    static List<URI> extract(byte[] html, URI page, Pattern linkPattern) {
        String text = new String(html, StandardCharsets.UTF_8);
        URI base = page;
        for (Tag tag : tags(text, "base")) {
            String href = href(tag);
            URI declared = href == null ? null : resolve(page, href);
            if (declared != null) {
                base = declared;
                break;
            }
        }
        Set<URI> links = new LinkedHashSet<>();
        for (Tag tag : tags(text, "a")) {
            String href = href(tag);
            URI link = href == null ? null : resolve(base, href);
            if (link != null && link.getHost().equalsIgnoreCase(page.getHost())
                    && linkPattern.matcher(link.toString()).find()) {
                links.add(link);
            }
        }
        return new ArrayList<>(links);
    }

    /**
     * The list page's next page: the first link marked {@code rel="next"} or reading 下一页 (下页, 后一页, next), on the
     * same host; {@code null} when there is none (the last page, or pagination made by script).
     */
    static URI nextPage(byte[] html, URI page) {
        String text = new String(html, StandardCharsets.UTF_8);
        for (Tag tag : tags(text, "a")) {
            String label = TAG.matcher(tag.content()).replaceAll("").replace("&gt;", ">").replace("&nbsp;", " ")
                    .strip();
            if (!REL_NEXT.matcher(tag.attributes()).find() && !NEXT_TEXT.matcher(label).matches()) {
                continue;
            }
            String href = href(tag);
            URI next = href == null ? null : resolve(page, href);
            if (next != null && next.getHost().equalsIgnoreCase(page.getHost()) && !next.equals(page)) {
                return next;
            }
        }
        return null;
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

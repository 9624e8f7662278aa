package io.govassist.sync;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A site's robots.txt as RFC 9309 reads it, for one product token: the groups naming the token (case-insensitive),
 * or else the {@code *} groups; the longest matching Allow/Disallow rule decides, Allow winning a tie; {@code *} and
 * {@code $} work as wildcards. No robots.txt (4xx) allows everything.
 */
final class RobotsRules {

    static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());

    private record Rule(boolean allow, String path, Pattern pattern) {
    }

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = rules;
    }

    static RobotsRules parse(String robotsTxt, String productToken) {
        String token = productToken.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        for (String raw : robotsTxt.split("\r\n|\r|\n")) {
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (field) {
                case "user-agent" -> {
                    if (inRules) {
                        agents.clear();
                        inRules = false;
                    }
                    agents.add(value.toLowerCase(Locale.ROOT));
                }
                case "allow", "disallow" -> {
                    inRules = true;
                    if (value.isEmpty()) {
                        continue;
                    }
                    Rule rule = new Rule(field.equals("allow"), value, compile(value));
                    for (String agent : agents) {
                        if (agent.equals("*")) {
                            star.add(rule);
                        } else if (!agent.isEmpty() && token.equals(agent.split("/")[0])) {
                            mine.add(rule);
                        }
                    }
                }
                default -> {
                    // sitemap, crawl-delay and unknown fields: no rule
                }
            }
        }
        return new RobotsRules(List.copyOf(mine.isEmpty() && !named(robotsTxt, token) ? star : mine));
    }

    /** Whether some group names the token (then only its rules count, even if it has none). */
    private static boolean named(String robotsTxt, String token) {
        for (String raw : robotsTxt.split("\r\n|\r|\n")) {
            String line = raw.strip().toLowerCase(Locale.ROOT);
            if (line.startsWith("user-agent") && line.contains(":")) {
                String agent = line.substring(line.indexOf(':') + 1).split("#")[0].strip();
                if (token.equals(agent.split("/")[0])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern compile(String path) {
        StringBuilder regex = new StringBuilder();
        boolean anchored = path.endsWith("$");
        String body = anchored ? path.substring(0, path.length() - 1) : path;
        for (String part : body.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        if (anchored) {
            regex.append("$");
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether the URL's path (with its query) may be fetched. */
    boolean allows(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(path).lookingAt()
                    && (best == null || rule.path().length() > best.path().length()
                    || rule.path().length() == best.path().length() && rule.allow())) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }
}

package io.jooqrelations.relations.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jooq.Table;

/** Internal, not API: naming rules shared by the graph and the runtime (identifiers, camelCase keys, nearest names, table identity). */
public final class Names {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    private Names() {
    }

    /** Relation names and aliases become JSON keys and SQL aliases, so they are plain identifiers. */
    public static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    /** camelCase of the column names seen so far: a schema has few, and every read level asks for them again. */
    private static final Map<String, String> CAMEL_CASE = new ConcurrentHashMap<>();

    /** Beyond this many distinct names the cache stops growing (names from user input must not fill memory). */
    private static final int CAMEL_CASE_CACHE_LIMIT = 10_000;

    /** {@code organization_id} becomes {@code organizationId}. */
    public static String camelCase(String snake) {
        String cached = CAMEL_CASE.get(snake);
        if (cached != null) {
            return cached;
        }
        String camel = toCamelCase(snake);
        if (CAMEL_CASE.size() < CAMEL_CASE_CACHE_LIMIT) {
            CAMEL_CASE.put(snake, camel);
        }
        return camel;
    }

    private static String toCamelCase(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The identity of a table in the graph: its qualified name (generated tables and their copies compare equal). */
    public static String key(Table<?> table) {
        return table.getQualifiedName().toString();
    }

    /** Whether two tables are the same table of the schema. */
    public static boolean sameTable(Table<?> a, Table<?> b) {
        // identity first: generated tables are singletons; otherwise compare names without rendering them
        return a == b || (a != null && b != null && a.getQualifiedName().equals(b.getQualifiedName()));
    }

    /** The candidate closest to {@code name} by edit distance, if it is close enough to be a likely typo. */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package io.jooqrelations.relations.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Table;

/** Internal, not API: naming rules shared by the graph and the runtime (identifiers, camelCase keys, nearest names, table identity). */
public final class Names {

    private Names() {
    }

    /** Relation names and aliases become JSON keys and SQL aliases, so they are plain identifiers. */
    public static boolean isIdentifier(String name) {
        // [A-Za-z][A-Za-z0-9_]{0,62}, without a regular expression: every with(...) of every read asks
        if (name.isEmpty() || name.length() > 63 || !asciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

    /**
     * The identity of a table in the graph: its schema-qualified name. Generated tables carry their schema in
     * {@link Table#getSchema()}, not in their name, so {@code crm.accounts} and {@code auth.accounts} differ here where
     * their qualified names ({@code "accounts"}) do not; a table of the default schema (empty name) or of none is
     * identified by its name alone. Generated tables and their copies compare equal.
     */
    public static String key(Table<?> table) {
        String schema = schemaName(table);
        return schema.isEmpty() ? table.getUnqualifiedName().toString()
                : org.jooq.impl.DSL.name(schema).append(table.getUnqualifiedName()).toString();
    }

    /** Whether two tables are the same table of the database: same name, same schema (see {@link #key}). */
    public static boolean sameTable(Table<?> a, Table<?> b) {
        if (a == b) {
            return true; // generated tables are singletons
        }
        if (a == null || b == null || !a.getName().equals(b.getName())) {
            return false; // the cheap test, before any name is rendered
        }
        return a.getQualifiedName().equals(b.getQualifiedName()) ? schemaName(a).equals(schemaName(b))
                : key(a).equals(key(b));
    }

    /**
     * The name of a table's schema as the graph sees it: the schema a generated table belongs to, or the qualifier of a
     * qualified name ({@code DSL.table(name("crm", "accounts"))}); empty for the default schema or none.
     */
    public static String schemaName(Table<?> table) {
        org.jooq.Name name = table.getQualifiedName();
        if (name.qualified()) {
            return name.qualifier().last();
        }
        org.jooq.Schema schema = table.getSchema();
        return schema == null ? "" : schema.getName();
    }

    /**
     * How messages and diagrams name a table: {@code crm.accounts} when it lives in a named schema, just
     * {@code accounts} in the default schema or {@code public} (where an unqualified name finds it).
     */
    public static String displayName(Table<?> table) {
        String schema = schemaName(table);
        return schema.isEmpty() || schema.equals("public") ? table.getName() : schema + "." + table.getName();
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

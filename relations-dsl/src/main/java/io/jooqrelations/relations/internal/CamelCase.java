package io.jooqrelations.relations.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, not API: the camelCase of a column name, as JSON keys and record components read it
 * ({@code organization_id} is {@code organizationId}).
 */
public final class CamelCase {

    private CamelCase() {
    }

    /** camelCase of the column names seen so far: a schema has few, and every read level asks for them again. */
    private static final Map<String, String> CAMEL_CASE = new ConcurrentHashMap<>();

    /** Beyond this many distinct names the cache stops growing (names from user input must not fill memory). */
    private static final int CAMEL_CASE_CACHE_LIMIT = 10_000;

    /** {@code organization_id} becomes {@code organizationId}. */
    public static String of(String snake) {
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
}

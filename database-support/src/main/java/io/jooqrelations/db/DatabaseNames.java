package io.jooqrelations.db;

/**
 * The names the launchers give databases they create and drop: lower-case letters, digits and {@code _}, so they can
 * be written into {@code create database} (which takes no bind values) safely, quoted in each dialect's way.
 */
final class DatabaseNames {

    private DatabaseNames() {
    }

    /** {@code name} between {@code quote}s, or an {@link IllegalArgumentException} if it is not such a name. */
    static String quoted(String name, char quote) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names are lower-case letters, digits and '_': " + name);
        }
        return quote + name + quote;
    }
}

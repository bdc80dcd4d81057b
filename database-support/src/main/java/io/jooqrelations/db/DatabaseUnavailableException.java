package io.jooqrelations.db;

/**
 * The database that was asked for cannot be had here; the message says why and what to use instead.
 *
 * <pre>{@code
 * // -Drelations.db=testcontainers on a machine without Docker:
 * PostgresServer.start(DatabaseChoice.fromEnvironment());   // throws, naming the embedded default
 * }</pre>
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

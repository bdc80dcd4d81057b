package io.jooqrelations.query;

import io.jooqrelations.relations.RelationsException;

/**
 * A read whose statement ran longer than its timeout ({@link Read#timeout}, {@link NestedReads#withTimeout}, or the
 * server's own statement timeout) and was stopped in the database — or was cancelled there by someone else (an
 * administrator's {@code pg_cancel_backend}), which the database reports alike. The connection stays usable. The message names
 * what to do, not the statement (it is in the cause, jOOQ's exception, and {@link Read#toInlinedSQL()} gives it ready
 * for {@code EXPLAIN ANALYZE}); {@link #sqlState()} is the database's code.
 *
 * <pre>{@code
 * try {
 *     return reads.from(INVOICES).with("lineItems").timeout(Duration.ofSeconds(2)).findMany();
 * } catch (ReadTimeoutException e) {
 *     throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "try again later", e);
 * }
 * }</pre>
 */
public final class ReadTimeoutException extends RelationsException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public ReadTimeoutException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The database's SQLSTATE of the stopped statement ({@code 57014} on PostgreSQL, {@code 70100} on MariaDB). */
    public String sqlState() {
        return sqlState;
    }
}

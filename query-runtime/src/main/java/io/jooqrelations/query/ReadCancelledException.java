package io.jooqrelations.query;

import io.jooqrelations.relations.RelationsException;

/**
 * A read whose thread was interrupted while its statement ran (for example by {@code Future.cancel(true)}): the
 * statement was cancelled in the database and its connection released. The thread's interrupt flag is set again, so
 * code above still sees the interruption.
 *
 * <pre>{@code
 * Future<List<Node<InvoicesRecord>>> read = executor.submit(() -> reads.from(INVOICES).with("lineItems").findMany());
 * read.cancel(true);   // the reading thread gets a ReadCancelledException within a fraction of a second
 * }</pre>
 */
public final class ReadCancelledException extends RelationsException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * A cancelled read without the statement's SQLSTATE.
     *
     * @deprecated the library creates it with the statement's SQLSTATE; use the three-argument constructor.
     */
    @Deprecated
    public ReadCancelledException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public ReadCancelledException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The database's SQLSTATE of the cancelled statement ({@code 57014} on PostgreSQL). */
    public String sqlState() {
        return sqlState;
    }
}

package io.jooqrelations.query;

import io.jooqrelations.relations.RelationsException;

/**
 * A read that cannot be built or answered as asked: a condition on the wrong table, a negative limit, a relation the
 * read did not include... Thrown before anything is executed whenever the problem is visible up front.
 *
 * <pre>{@code
 * reads.from(INVOICES).limit(-1);
 * // InvalidReadException: limit(-1) on invoices: a limit must be 0 or more.
 * }</pre>
 */
public final class InvalidReadException extends RelationsException {

    private static final long serialVersionUID = 1L;

    public InvalidReadException(String message) {
        super(message);
    }
}

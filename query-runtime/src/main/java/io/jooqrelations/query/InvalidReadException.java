package io.jooqrelations.query;

import io.jooqrelations.relations.RelationsException;

/**
 * The caller's mistake: a read that cannot be built or answered as asked — a condition on the wrong table, a negative
 * limit, a relation the read did not include, a node asked for a relation it was not read with, a prepared read given a
 * value of the wrong type. Thrown before anything is executed whenever the problem is visible up front; the message
 * says what to change. Its subtypes: {@link UnsupportedOnDialectException} (valid, but not on this dialect) and
 * {@link ResultMappingException} (a Java record type that does not fit the read).
 *
 * <pre>{@code
 * reads.from(INVOICES).limit(-1);
 * // InvalidReadException: limit(-1) on invoices: a limit must be 0 or more.
 * }</pre>
 */
public class InvalidReadException extends RelationsException {

    private static final long serialVersionUID = 1L;

    public InvalidReadException(String message) {
        super(message);
    }
}

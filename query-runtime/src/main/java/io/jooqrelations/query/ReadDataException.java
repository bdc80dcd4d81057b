package io.jooqrelations.query;

import io.jooqrelations.relations.RelationsException;

/**
 * A read whose data breaks a rule its relations declare, or that its Java types cannot hold: a required to-one
 * ({@code optional(false)}) without a row, a cycle in a tree, a value a converter or forced type could not read. The
 * read was valid and ran; the data is not what the graph promises. The message names the relation and the parent row
 * (by its key); {@link #sqlState()} is the database's code where the database raised it (the JSON reads check a
 * required to-one inside the statement), else null.
 *
 * <pre>{@code
 * try {
 *     return reads.from(INVOICES).with("organization").findMany();   // organization declared optional(false)
 * } catch (ReadDataException e) {
 *     // Required relation invoices.organization is missing for invoices row {id=7} ...
 *     throw new IllegalStateException("broken data: " + e.getMessage(), e);
 * }
 * }</pre>
 */
public final class ReadDataException extends RelationsException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public ReadDataException(String message) {
        this(message, null, null);
    }

    public ReadDataException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE of the statement that raised it, or null when the library found the problem in the rows read. */
    public String sqlState() {
        return sqlState;
    }
}

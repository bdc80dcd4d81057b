package io.jooqrelations.relations;

/**
 * A relation asked for by name (or through a handle) that the graph does not have on that table. The message lists the
 * relations the table does have and the nearest name.
 *
 * <pre>{@code
 * RELATIONS.relation(INVOICES, "lineItem");
 * // UnknownRelationException: Table invoices has no relation 'lineItem'. Did you mean 'lineItems'? ...
 * }</pre>
 */
public final class UnknownRelationException extends RelationsException {

    private static final long serialVersionUID = 1L;

    public UnknownRelationException(String message) {
        super(message);
    }
}

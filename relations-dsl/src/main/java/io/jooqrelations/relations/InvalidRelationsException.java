package io.jooqrelations.relations;

/**
 * A relations declaration that cannot be built: thrown by {@link Relations#define} with the table, relation and fix.
 *
 * <pre>{@code
 * Relations.define(r -> r.table(INVOICES).many("tags", TAGS));
 * // InvalidRelationsException: Relation invoices.tags: tags has no relation back to invoices to infer the join from. ...
 * }</pre>
 */
public final class InvalidRelationsException extends RelationsException {

    private static final long serialVersionUID = 1L;

    public InvalidRelationsException(String message) {
        super(message);
    }
}

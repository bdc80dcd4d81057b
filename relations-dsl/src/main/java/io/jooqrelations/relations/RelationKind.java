package io.jooqrelations.relations;

/**
 * Whether a relation resolves to at most one row or to a list.
 *
 * <pre>{@code
 * RELATIONS.relation(INVOICES, "lineItems").kind();   // MANY
 * }</pre>
 */
public enum RelationKind {
    /** At most one row ({@code invoice.organization}). */
    ONE,
    /** A list, possibly empty ({@code organization.invoices}). */
    MANY
}

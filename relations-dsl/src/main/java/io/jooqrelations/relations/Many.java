package io.jooqrelations.relations;

import org.jooq.Record;

/**
 * A typed handle on a to-many relation, e.g. {@code invoice.lineItems}; created and checked by
 * {@link Relations#many(org.jooq.Table, String, org.jooq.Table)}.
 *
 * <pre>{@code
 * public static final Many<InvoicesRecord, InvoiceLineItemsRecord> LINE_ITEMS =
 *     RELATIONS.many(INVOICES, "lineItems", INVOICE_LINE_ITEMS);
 * }</pre>
 *
 * @param <S> the source record type
 * @param <T> the target record type
 */
public final class Many<S extends Record, T extends Record> extends RelationHandle<S, T> {

    Many(Relation relation) {
        super(relation);
    }
}

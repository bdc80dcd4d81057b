package io.jooqrelations.relations;

import org.jooq.Record;
import org.jooq.Table;

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

    private Many(Table<S> source, String name, Table<T> target) {
        super(source, name, target);
    }

    /**
     * A handle to declare in the relations file ({@code r.table(source).many(HANDLE, link)}), so the relation's name and
     * tables are written once; bound when the graph is built.
     */
    public static <S extends Record, T extends Record> Many<S, T> of(Table<S> source, String name, Table<T> target) {
        checkDeclared(source, name, target, "Many.of");
        return new Many<>(source, name, target);
    }
}

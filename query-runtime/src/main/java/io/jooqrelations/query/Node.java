package io.jooqrelations.query;

import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.One;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/**
 * One row of a nested read: its jOOQ record, its extras, and the relations the read included. Asking for a relation
 * the read did not include, a column it did not select, or a relation of another table is an
 * {@link InvalidReadException} that names the fix — never an empty list or a {@code null}. Nodes are immutable.
 *
 * <pre>{@code
 * Node<InvoicesRecord> invoice = reads.from(INVOICES).with(LINE_ITEMS).with(ORGANIZATION).findFirst().orElseThrow();
 * InvoicesRecord row = invoice.record();
 * List<Node<InvoiceLineItemsRecord>> items = invoice.get(LINE_ITEMS);
 * String orgName = invoice.get(ORGANIZATION).map(o -> o.record().getName()).orElse("-");
 * }</pre>
 *
 * @param <R> the record type of the row's table
 */
public interface Node<R extends Record> {

    /** The row as its generated jOOQ record; columns the read did not select are {@code null}. */
    R record();

    /** A selected column's value; a column left out by {@code columns}/{@code omit} is an error, not a {@code null}. */
    <T> T get(Field<T> column);

    /** The value of {@code extra(name, field)} on this row. */
    Object extra(String name);

    /** The extras of this row, by name, in the order the read defined them. */
    Map<String, Object> extras();

    /** The to-many relation's rows. */
    <T extends Record> List<Node<T>> get(Many<R, T> relation);

    /** The to-one relation's row, empty when there is none. */
    <T extends Record> Optional<Node<T>> get(One<R, T> relation);

    /** A to-many relation by name (for dynamic reads). */
    List<Node<?>> many(String name);

    /** A to-one relation by name (for dynamic reads). */
    Optional<Node<?>> one(String name);

    /** The relations this node holds, by name: {@code List<Node>} for many, {@code Optional<Node>} for one. */
    Map<String, Object> relations();
}

package io.jooqrelations.relations;

import java.util.List;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The relations of one table, declared inside {@link Relations#define}. Each method returns {@code this} so that a
 * table's relations read as one statement.
 *
 * <pre>{@code
 * r.table(INVOICES)
 *     .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID))
 *     .many("lineItems", INVOICE_LINE_ITEMS);
 * }</pre>
 *
 * @param <R> the declaring table's record type
 */
public final class TableRelations<R extends Record> {

    private final Table<R> table;
    private final List<Declaration> sink;

    TableRelations(Table<R> table, List<Declaration> sink) {
        this.table = table;
        this.sink = sink;
    }

    /** A to-one relation whose join is inferred from the target's relation back to this table. */
    public TableRelations<R> one(String name, Table<?> target) {
        return one(name, target, Link.link());
    }

    /** A to-one relation with an explicit join or options. */
    public TableRelations<R> one(String name, Table<?> target, Link link) {
        sink.add(Declaration.of(table, name, RelationKind.ONE, target, link));
        return this;
    }

    /** A to-many relation whose join is inferred from the target's relation back to this table. */
    public TableRelations<R> many(String name, Table<?> target) {
        return many(name, target, Link.link());
    }

    /** A to-many relation with an explicit join or options. */
    public TableRelations<R> many(String name, Table<?> target, Link link) {
        sink.add(Declaration.of(table, name, RelationKind.MANY, target, link));
        return this;
    }
}

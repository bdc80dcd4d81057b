package io.jooqrelations.relations;

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
    private final RelationsBuilder sink;

    TableRelations(Table<R> table, RelationsBuilder sink) {
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

    /** A to-one relation named by a declared handle ({@link One#of}), its join inferred. */
    public <T extends Record> TableRelations<R> one(One<R, T> handle) {
        return one(handle, Link.link());
    }

    /** A to-one relation named by a declared handle ({@link One#of}), with an explicit join or options. */
    public <T extends Record> TableRelations<R> one(One<R, T> handle, Link link) {
        sink.add(declared(handle, RelationKind.ONE, link));
        return this;
    }

    /** A to-many relation named by a declared handle ({@link Many#of}), its join inferred. */
    public <T extends Record> TableRelations<R> many(Many<R, T> handle) {
        return many(handle, Link.link());
    }

    /** A to-many relation named by a declared handle ({@link Many#of}), with an explicit join or options. */
    public <T extends Record> TableRelations<R> many(Many<R, T> handle, Link link) {
        sink.add(declared(handle, RelationKind.MANY, link));
        return this;
    }

    private Declaration declared(RelationHandle<R, ?> handle, RelationKind kind, Link link) {
        String method = kind == RelationKind.ONE ? "one" : "many";
        if (handle == null || handle.declaredSource() == null) {
            throw new InvalidRelationsException("r.table(" + table.getName() + ")." + method + "(handle, ...) needs a "
                    + "handle made with " + (kind == RelationKind.ONE ? "One" : "Many") + ".of(source, name, target)"
                    + (handle == null ? "; it was given null." : "; " + handle.relation().qualifiedName()
                            + " was looked up in a built graph."));
        }
        if (!RelationResolver.sameTable(handle.declaredSource(), table)) {
            throw new InvalidRelationsException("r.table(" + table.getName() + ")." + method + "(...) was given the "
                    + "handle of " + handle.declaredSource().getName() + "." + handle.name() + "; declare it under r.table("
                    + handle.declaredSource().getName() + ").");
        }
        return new Declaration(table, handle.name(), kind, handle.declaredTarget(), link, handle);
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

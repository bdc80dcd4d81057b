package io.jooqrelations.relations;

import org.jooq.Record;
import org.jooq.Table;

/**
 * A typed handle on a to-one relation, e.g. {@code invoice.organization}; created and checked by
 * {@link Relations#one(org.jooq.Table, String, org.jooq.Table)}.
 *
 * <pre>{@code
 * public static final One<InvoicesRecord, OrganizationsRecord> ORGANIZATION =
 *     RELATIONS.one(INVOICES, "organization", ORGANIZATIONS);
 * }</pre>
 *
 * @param <S> the source record type
 * @param <T> the target record type
 */
public final class One<S extends Record, T extends Record> extends RelationHandle<S, T> {

    One(Relation relation) {
        super(relation);
    }

    private One(Table<S> source, String name, Table<T> target) {
        super(source, name, target);
    }

    /**
     * A handle to declare in the relations file ({@code r.table(source).one(HANDLE, link)}), so the relation's name and
     * tables are written once; bound when the graph is built.
     */
    public static <S extends Record, T extends Record> One<S, T> of(Table<S> source, String name, Table<T> target) {
        checkDeclared(source, name, target, "One.of");
        return new One<>(source, name, target);
    }
}

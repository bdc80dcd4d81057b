package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectQuery;

/**
 * The select list of one select being built, kept alongside the query so that {@link RowLayout.Builder} can record the
 * slot of each field as it is added. In a derived table (a lateral subquery) every column is named by position, so
 * user column names never meet in one derived table.
 *
 * <p>A nested row's list is {@linkplain #nested deferred}: the fields reach the query in {@link #finish()}, flat, or in
 * chunks when there are more than PostgreSQL passes to one function (see {@link NestedRows}).
 */
final class Projection {

    private final SelectQuery<Record> query;
    private final boolean derived;
    private final boolean deferred;
    final List<Field<?>> fields = new ArrayList<>();
    /** The fields of a deferred list as given, without their names: what a nested row of a chunk holds. */
    private final List<Field<?>> unnamed = new ArrayList<>();

    Projection(SelectQuery<Record> query, boolean derived) {
        this(query, derived, false);
    }

    private Projection(SelectQuery<Record> query, boolean derived, boolean deferred) {
        this.query = query;
        this.derived = derived;
        this.deferred = deferred;
    }

    /** The select list of a nested row (a MULTISET's subquery): its fields reach {@code query} in {@link #finish}. */
    static Projection nested(SelectQuery<Record> query) {
        return new Projection(query, false, true);
    }

    /** Adds {@code field}; outside a derived table under {@code name} when one is given. */
    void add(Field<?> field, String name) {
        Field<?> named = derived ? field.as(Aliases.column(fields.size())) : name == null ? field : field.as(name);
        if (!deferred) {
            query.addSelect(named);
        }
        fields.add(named);
        if (deferred) {
            unnamed.add(field);
        }
    }

    /** Adds a deferred list to its query, flat or in chunks; returns the chunk size (0: flat), see {@link NestedRows}. */
    int finish() {
        int chunk = NestedRows.chunkFor(fields.size());
        query.addSelect(chunk == 0 ? fields : NestedRows.pack(unnamed));
        return chunk;
    }

    void add(Field<?> field) {
        add(field, null);
    }

    /** {@code LEFT JOIN <table> ON <on>} on the select this list belongs to. */
    void queryJoin(org.jooq.TableLike<?> table, org.jooq.Condition on) {
        query.addJoin(table, org.jooq.JoinType.LEFT_OUTER_JOIN, on);
    }

    int size() {
        return fields.size();
    }

    /** The fields as given, without their names (for a row the caller builds itself). */
    List<Field<?>> unnamed() {
        return unnamed;
    }
}

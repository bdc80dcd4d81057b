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
    /** Whether values keep their names in the select list (see {@link #nested(SelectQuery, boolean)}). */
    private final boolean named;
    final List<Field<?>> fields = new ArrayList<>();
    /** The fields of a deferred list as given, without their names: what a nested row of a chunk holds. */
    private final List<Field<?>> unnamed = new ArrayList<>();

    Projection(SelectQuery<Record> query, boolean derived) {
        this(query, derived, false, true);
    }

    private Projection(SelectQuery<Record> query, boolean derived, boolean deferred, boolean named) {
        this.query = query;
        this.derived = derived;
        this.deferred = deferred;
        this.named = named;
    }

    /** The select list of a nested row (a MULTISET's subquery): its fields reach {@code query} in {@link #finish}. */
    static Projection nested(SelectQuery<Record> query) {
        return nested(query, true);
    }

    /**
     * A nested row whose values are {@code named} or not: nested rows are read by position, and jOOQ's MULTISET
     * emulation for MariaDB and MySQL refers to an aliased value by its alias inside the aggregate, where the alias is
     * not visible ("Unknown column"), so there the values go unnamed.
     */
    static Projection nested(SelectQuery<Record> query, boolean named) {
        return new Projection(query, false, true, named);
    }

    /** Adds {@code field}; outside a derived table under {@code name} when one is given. */
    void add(Field<?> field, String name) {
        Field<?> selected = derived ? field.as(Aliases.column(fields.size()))
                : name == null || !named ? field : field.as(name);
        if (!deferred) {
            query.addSelect(selected);
        }
        fields.add(selected);
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

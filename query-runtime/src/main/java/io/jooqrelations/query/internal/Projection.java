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
 */
final class Projection {

    private final SelectQuery<Record> query;
    private final boolean derived;
    final List<Field<?>> fields = new ArrayList<>();

    Projection(SelectQuery<Record> query, boolean derived) {
        this.query = query;
        this.derived = derived;
    }

    /** Adds {@code field}; outside a derived table under {@code name} when one is given. */
    void add(Field<?> field, String name) {
        Field<?> named = derived ? field.as(Aliases.column(fields.size())) : name == null ? field : field.as(name);
        query.addSelect(named);
        fields.add(named);
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
}

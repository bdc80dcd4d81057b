package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A nested level of a read, as configured in {@code with(relation, level -> ...)}: same options as the top level,
 * applied per parent row.
 *
 * <pre>{@code
 * .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).limit(3))
 * }</pre>
 *
 * @param <R> the record type of the relation's target table
 */
public final class Level<R extends Record> extends AbstractLevel<R, Level<R>> {

    final Relation relation;

    Level(Relations relations, Table<R> table, String path, int depth, Relation relation) {
        super(relations, table, path, depth);
        this.relation = relation;
    }
}

package io.jooqrelations.query;

import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.CamelCase;
import io.jooqrelations.relations.internal.TableNames;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

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

    Level(Relations relations, Scope scope, Table<R> table, String path, int depth, Relation relation) {
        super(relations, scope, table, path, depth);
        this.relation = relation;
    }

    /**
     * Reads columns of the junction of this level's {@code through} relation onto each row, under their camelCase
     * names (e.g. {@code invoice_tags.added_at} as {@code addedAt} on each tag).
     */
    public Level<R> junctionColumns(TableField<?, ?>... columns) {
        requireNonNull(columns, "junctionColumns");
        Table<?> junction = relation.junction().orElseThrow(() -> new InvalidReadException("junctionColumns(...) on "
                + path + ": " + relation.qualifiedName() + " does not go through a junction table."));
        for (TableField<?, ?> column : columns) {
            requireNonNull(column, "junctionColumns");
            if (!TableNames.sameTable(column.getTable(), junction)) {
                throw new InvalidReadException("junctionColumns(...) on " + path + " was given "
                        + column.getTable().getName() + "." + column.getName() + ", which is not a column of the junction "
                        + junction.getName() + ".");
            }
            String key = CamelCase.of(column.getName());
            checkNewKey(key, "junctionColumns");
            extras.put(key, column);
        }
        return this;
    }
}

package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/**
 * Compiles a read into ONE select. A to-many relation is a correlated subquery in the projection, wrapped in
 * {@code MULTISET}; a to-one relation is a {@code LEFT JOIN LATERAL} of a one-row subquery whose columns are
 * projected flat, right after a presence marker (see {@link RowLayout}). Nested where/orderBy/limit/offset live inside
 * the subqueries, so they apply per parent row.
 *
 * <p>Why a lateral join and not a one-row {@code MULTISET} for to-ones: the multiset costs PostgreSQL an aggregate and
 * a JSON document per parent row and costs the client a JSON parse; the lateral join costs neither (measured on the
 * invoice-detail benchmark), and unlike a plain join it cannot multiply parent rows, whatever the relation's filter,
 * junction or data.
 */
final class ReadCompiler {

    /** The column that tells a to-one's lateral row apart from the nulls of a missing one. */
    static final String PRESENT = "(present)";

    private ReadCompiler() {
    }

    /** The top-level select; {@code limitOverride} (findFirst) replaces the read's limit. */
    static SelectQuery<Record> compile(DSLContext dsl, AbstractLevel<?, ?> root, Integer limitOverride) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addFrom(root.table);
        scopeRoot(query, root);
        project(query, root);
        shape(query, root, limitOverride);
        return query;
    }

    /** The tenant condition of the top-level table, when the reads are scoped. */
    static void scopeRoot(SelectQuery<Record> query, AbstractLevel<?, ?> root) {
        if (root.scope != null) {
            root.scope.condition(root.table).ifPresent(query::addConditions);
        }
    }

    /** The select list of a level, in the order {@link RowLayout} reads it back. */
    static void project(SelectQuery<Record> query, AbstractLevel<?, ?> level) {
        query.addSelect(level.selectedColumns());
        level.extras.forEach((name, field) -> query.addSelect(field.as(name)));
        level.children.forEach((name, child) -> {
            if (child.relation().kind() == RelationKind.MANY) {
                query.addSelect(DSL.multiset(subquery(child, null)).as(name));
            } else {
                joinToOne(query, level, name, child);
            }
        });
        level.trees.forEach((name, tree) -> query.addSelect(TreeRead.field(tree).as(name)));
    }

    /** where, orderBy, limit and offset of a level, on the select that reads it. */
    static void shape(SelectQuery<Record> query, AbstractLevel<?, ?> level, Integer limitOverride) {
        query.addConditions(level.conditions);
        query.addOrderBy(level.orderBy);
        // findFirst and to-one relations read at most one row, and never more than the level's own limit (which may be 0)
        Integer limit = limitOverride == null ? level.limit
                : level.limit == null ? limitOverride : Integer.valueOf(Math.min(limitOverride, level.limit));
        if (limit != null && level.offset != null) {
            query.addLimit(level.offset, limit);
        } else if (limit != null) {
            query.addLimit(limit);
        } else if (level.offset != null) {
            query.addOffset(level.offset);
        }
    }

    /** The select of a nested level, correlated with its parent row; {@code marker} (if any) is selected first. */
    private static SelectQuery<Record> subquery(AbstractLevel.Child child, Field<?> marker) {
        SelectQuery<Record> sub = CorrelatedJoin.query(child.relation(), child.level().scope);
        if (marker != null) {
            sub.addSelect(marker);
        }
        project(sub, child.level());
        shape(sub, child.level(), child.relation().kind() == RelationKind.ONE && !atMostOneRow(child) ? Integer.valueOf(1)
                : null);
        return sub;
    }

    /**
     * Whether a to-one finds at most one row without a {@code limit}: it links straight to a primary or unique key of
     * its target (the usual foreign key), so the limit would only cost rendering and binding.
     */
    private static boolean atMostOneRow(AbstractLevel.Child child) {
        Relation relation = child.relation();
        if (relation.junction().isPresent() || child.level().offset != null) {
            return false;
        }
        for (UniqueKey<?> key : relation.target().getKeys()) {
            if (key.getFields().size() == relation.targetColumns().size()
                    && relation.targetColumns().containsAll(key.getFields())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code LEFT JOIN LATERAL (select true as "(present)", ... limit 1) as "<relation>" ON true}, and its columns in
     * the projection as {@code "<relation>.<column>"}.
     */
    private static void joinToOne(SelectQuery<Record> query, AbstractLevel<?, ?> level, String name,
            AbstractLevel.Child child) {
        Table<Record> row = subquery(child, DSL.inline(true).as(PRESENT)).asTable(lateralAlias(level, name));
        query.addJoin(DSL.lateral(row), JoinType.LEFT_OUTER_JOIN, DSL.trueCondition());
        // values are read back by position (RowLayout), but the names must be unique: a to-one inside a to-one is
        // flattened into its parent's lateral, which is a derived table
        for (Field<?> field : row.fields()) {
            query.addSelect(field.as(name + "." + field.getName()));
        }
    }

    /**
     * The relation's name, unless a table of the graph has that name: the alias shares the FROM clause with the level's
     * table (and, below it, with junctions), where a duplicate name would be an error or a wrong correlation.
     */
    private static String lateralAlias(AbstractLevel<?, ?> level, String name) {
        for (Table<?> table : level.relations.tables()) {
            if (table.getName().equals(name)) {
                return name + "_one";
            }
        }
        return name;
    }
}

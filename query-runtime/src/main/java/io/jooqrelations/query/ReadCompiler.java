package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
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
 * {@code MULTISET}. A to-one relation is joined, its columns projected flat right after a presence marker (see
 * {@link RowLayout}): a bare key lookup as a plain {@code LEFT JOIN} of the aliased target table, anything else (its
 * own where, extras, nested relations, a junction, a tenant rule) as a {@code LEFT JOIN LATERAL} of a one-row subquery.
 * Nested where/orderBy/limit/offset live inside the subqueries, so they apply per parent row.
 *
 * <p>Why joins and not a one-row {@code MULTISET} for to-ones: the multiset costs PostgreSQL an aggregate and a JSON
 * document per parent row and costs the client a JSON parse; a join costs neither (measured on the invoice-detail
 * benchmark), and neither join can multiply parent rows: the plain one matches a unique key, the lateral one is limited
 * to one row.
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
        project(query, level, false);
    }

    /**
     * {@code derived}: the select is a to-one's lateral subquery, a derived table, whose column names must be unique;
     * elsewhere values are read back by position, and jOOQ renames the columns of a MULTISET subquery anyway.
     */
    private static void project(SelectQuery<Record> query, AbstractLevel<?, ?> level, boolean derived) {
        query.addSelect(level.selectedColumns());
        level.extras.forEach((name, field) -> query.addSelect(field.as(name)));
        level.children.forEach((name, child) -> {
            if (child.relation().kind() == RelationKind.MANY) {
                query.addSelect(DSL.multiset(subquery(child, null)).as(name));
            } else if (isPlainLookup(child)) {
                joinLookup(query, level, name, child, derived);
            } else {
                joinLateral(query, level, name, child, derived);
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
        project(sub, child.level(), marker != null);
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
     * the projection (as {@code "<relation>.<column>"} inside another lateral).
     */
    private static void joinLateral(SelectQuery<Record> query, AbstractLevel<?, ?> level, String name,
            AbstractLevel.Child child, boolean derived) {
        Table<Record> row = subquery(child, DSL.inline(true).as(PRESENT)).asTable(alias(level, name));
        query.addJoin(DSL.lateral(row), JoinType.LEFT_OUTER_JOIN, DSL.trueCondition());
        for (Field<?> field : row.fields()) {
            query.addSelect(derived ? field.as(name + "." + field.getName()) : field);
        }
    }

    /**
     * Whether a to-one is a bare key lookup — a unique key of its target, no junction, nothing of its own to filter,
     * order, compute or nest, no predefined filter or tenant rule naming the target table — that a plain
     * {@code LEFT JOIN} of the aliased target can read. It renders in a third of the time of a lateral subquery, and
     * most to-ones (an invoice's organization, its assignee) are such lookups.
     */
    private static boolean isPlainLookup(AbstractLevel.Child child) {
        AbstractLevel<?, ?> target = child.level();
        return child.relation().filter().isEmpty() && target.scope == null && target.conditions.isEmpty()
                && target.orderBy.isEmpty() && target.limit == null && target.offset == null && target.extras.isEmpty()
                && target.children.isEmpty() && target.trees.isEmpty() && atMostOneRow(child);
    }

    /**
     * {@code LEFT JOIN <target> AS "<relation>" ON <key> = <parent's foreign key>}; the first key column doubles as the
     * presence marker, being null exactly when no row matched.
     */
    @SuppressWarnings("unchecked")
    private static void joinLookup(SelectQuery<Record> query, AbstractLevel<?, ?> level, String name,
            AbstractLevel.Child child, boolean derived) {
        Relation relation = child.relation();
        Table<?> target = relation.target().as(alias(level, name));
        List<Condition> on = new ArrayList<>();
        for (int i = 0; i < relation.targetColumns().size(); i++) {
            on.add(((Field<Object>) target.field(relation.targetColumns().get(i)))
                    .eq((Field<Object>) relation.sourceColumns().get(i)));
        }
        query.addJoin(target, JoinType.LEFT_OUTER_JOIN, DSL.and(on));
        Field<?> marker = target.field(relation.targetColumns().get(0));
        query.addSelect(derived ? marker.as(name + "." + PRESENT) : marker);
        for (Field<?> column : child.level().selectedColumns()) {
            Field<?> field = target.field(column);
            query.addSelect(derived ? field.as(name + "." + column.getName()) : field);
        }
    }

    /**
     * The relation's name, unless a table of the graph has that name: the alias shares the FROM clause with the level's
     * table (and, below it, with junctions), where a duplicate name would be an error or a wrong correlation.
     */
    private static String alias(AbstractLevel<?, ?> level, String name) {
        for (Table<?> table : level.relations.tables()) {
            if (table.getName().equals(name)) {
                return name + "_one";
            }
        }
        return name;
    }
}

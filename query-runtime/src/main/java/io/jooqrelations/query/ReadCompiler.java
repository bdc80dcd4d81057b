package io.jooqrelations.query;

import io.jooqrelations.relations.RelationKind;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.impl.DSL;

/**
 * Compiles a read into ONE select: each included relation is a correlated subquery in the projection, wrapped in
 * {@code MULTISET} (a one-row multiset for a to-one relation); nested where/orderBy/limit/offset live inside it, so
 * they apply per parent row.
 */
final class ReadCompiler {

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

    static void project(SelectQuery<Record> query, AbstractLevel<?, ?> level) {
        query.addSelect(level.selectedColumns());
        level.extras.forEach((name, field) -> query.addSelect(field.as(name)));
        level.children.forEach((name, child) -> query.addSelect(childField(child).as(name)));
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

    private static Field<?> childField(AbstractLevel.Child child) {
        SelectQuery<Record> sub = CorrelatedJoin.query(child.relation(), child.level().scope);
        project(sub, child.level());
        shape(sub, child.level(), child.relation().kind() == RelationKind.ONE ? Integer.valueOf(1) : null);
        return DSL.multiset(sub);
    }
}

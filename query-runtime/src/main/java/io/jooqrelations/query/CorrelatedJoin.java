package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.internal.Names;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The FROM and WHERE of a subquery that walks one relation from the current parent row: the target (joined to the
 * junction for a {@code through}), correlated with the parent's columns, plus the relation's predefined filter.
 *
 * <p>Tables keep their own names, so a user's condition written with {@code INVOICE_LINE_ITEMS.POSITION} means the
 * level it is given at (the nearest scope). Only when the subquery's own FROM repeats the parent's table (a
 * self-reference such as {@code comments.replies}) would the parent be shadowed; then the parent's key is first copied
 * into a one-row derived table, whose select still sees the outer (parent) row.
 */
final class CorrelatedJoin {

    private CorrelatedJoin() {
    }

    /**
     * A new select over the relation's target, correlated with the parent row and kept to the tenant of
     * {@code scope} (if any); the caller adds the projection.
     */
    static SelectQuery<Record> query(Relation relation, Scope scope) {
        SelectQuery<Record> query = DSL.select().getQuery();
        List<Field<?>> parentKeys = parentKeys(relation, query);
        Table<?> target = relation.target();
        if (relation.junction().isPresent()) {
            Table<?> junction = relation.junction().get();
            query.addFrom(target);
            query.addJoin(junction, JoinType.JOIN, equal(relation.junctionTargetColumns(), relation.targetColumns()));
            query.addConditions(equal(relation.junctionSourceColumns(), parentKeys));
        } else {
            query.addFrom(target);
            query.addConditions(equal(relation.targetColumns(), parentKeys));
        }
        relation.filter().ifPresent(query::addConditions);
        if (scope != null) {
            scope.condition(target).ifPresent(query::addConditions);
            relation.junction().flatMap(scope::condition).ifPresent(query::addConditions);
        }
        return query;
    }

    /** {@code EXISTS (select 1 from <relation> where <conditions>)}, correlated with the parent row. */
    static Condition exists(Relation relation, List<Condition> conditions, Scope scope) {
        SelectQuery<Record> query = query(relation, scope);
        query.addSelect(DSL.inline(1));
        query.addConditions(conditions);
        return DSL.exists(query);
    }

    private static List<Field<?>> parentKeys(Relation relation, SelectQuery<Record> query) {
        boolean shadowed = Names.sameTable(relation.target(), relation.source())
                || relation.junction().map(j -> Names.sameTable(j, relation.source())).orElse(false);
        if (!shadowed) {
            return new ArrayList<>(relation.sourceColumns());
        }
        List<Field<?>> aliased = new ArrayList<>();
        for (int i = 0; i < relation.sourceColumns().size(); i++) {
            aliased.add(relation.sourceColumns().get(i).as("k" + i));
        }
        Table<?> keys = DSL.select(aliased).asTable(relation.name() + "_parent");
        query.addFrom(keys);
        List<Field<?>> keyFields = new ArrayList<>();
        for (int i = 0; i < aliased.size(); i++) {
            keyFields.add(keys.field(i));
        }
        return keyFields;
    }

    @SuppressWarnings("unchecked")
    private static Condition equal(List<? extends TableField<?, ?>> left, List<? extends Field<?>> right) {
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            parts.add(((Field<Object>) left.get(i)).eq((Field<Object>) right.get(i)));
        }
        return DSL.and(parts);
    }
}

package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
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
 * How one relation is walked from its parent rows, decided once: the target (joined to the junction for a
 * {@code through}), the link columns that must equal the parent's key, and the filters every walk applies — the
 * relation's predefined filter and the tenant conditions on the target and the junction. Every back end walks a
 * relation through this class: correlated with one parent row ({@link #correlated()}, {@link #exists(List)}) or for a
 * batch of parent keys at once ({@link #batched(List)}).
 *
 * <p>Tables keep their own names, so a user's condition written with {@code INVOICE_LINE_ITEMS.POSITION} means the level
 * it is given at (the nearest scope). Only when the subquery's own FROM repeats the parent's table (a self-reference such
 * as {@code comments.replies}) would the parent be shadowed; then the parent's key is first copied into a one-row
 * derived table, whose select still sees the outer (parent) row.
 */
public final class Join {

    private final Relation relation;
    private final List<Condition> targetFilters;
    private final List<Condition> junctionFilters;
    /** The graph, whose table names the alias of a shadowed parent's keys must avoid (see the class comment). */
    private final Relations graph;

    private Join(Relation relation, List<Condition> targetFilters, List<Condition> junctionFilters, Relations graph) {
        this.relation = relation;
        this.targetFilters = targetFilters;
        this.junctionFilters = junctionFilters;
        this.graph = graph;
    }

    /**
     * The join of {@code relation} of the graph {@code relations}, kept to the tenant of {@code scope} (null when the
     * reads are not scoped).
     */
    public static Join of(Relation relation, Scope scope, Relations relations) {
        List<Condition> target = new ArrayList<>();
        relation.filter().ifPresent(target::add);
        target.addAll(Scope.conditions(scope, relation.target()));
        List<Condition> junction = relation.junction().map(j -> Scope.conditions(scope, j)).orElse(List.of());
        return new Join(relation, List.copyOf(target), List.copyOf(junction), relations);
    }

    public Relation relation() {
        return relation;
    }

    /** Whether walking the relation applies a predefined filter or a tenant condition. */
    boolean hasFilters() {
        return !targetFilters.isEmpty() || !junctionFilters.isEmpty();
    }

    /** The relation's filter and the tenant condition on its target (what a recursive step re-applies). */
    List<Condition> targetFilters() {
        return targetFilters;
    }

    /** The tenant conditions on the junction of a {@code through} relation. */
    List<Condition> junctionFilters() {
        return junctionFilters;
    }

    /** The columns on the target (or junction) side that hold the parent's key. */
    List<TableField<?, ?>> linkColumns() {
        return relation.junction().isPresent() ? relation.junctionSourceColumns() : relation.targetColumns();
    }

    /**
     * Whether an index or unique key of the table holding the link columns (the target, or the junction) starts with
     * exactly them: what makes a correlated subquery an index lookup per parent instead of a scan per parent. Read from
     * the jOOQ table's {@code getKeys()} and {@code getIndexes()} (codegen generates both).
     */
    boolean linkIndexed() {
        Table<?> table = relation.junction().orElse(relation.target());
        java.util.Set<String> link = new java.util.HashSet<>();
        linkColumns().forEach(c -> link.add(c.getName()));
        for (org.jooq.UniqueKey<?> key : table.getKeys()) {
            if (leads(key.getFields().stream().map(Field::getName).toList(), link)) {
                return true;
            }
        }
        for (org.jooq.Index index : table.getIndexes()) {
            if (leads(index.getFields().stream().map(f -> f.$field().getName()).toList(), link)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leads(List<String> indexed, java.util.Set<String> link) {
        return indexed.size() >= link.size() && java.util.Set.copyOf(indexed.subList(0, link.size())).equals(link);
    }

    /** A new select over the target, correlated with the parent row; the caller adds the projection. */
    public SelectQuery<Record> correlated() {
        SelectQuery<Record> query = DSL.select().getQuery();
        List<Field<?>> parentKeys = parentKeys(query);
        from(query);
        query.addConditions(equal(linkColumns(), parentKeys));
        filter(query);
        return query;
    }

    /** {@code EXISTS (select 1 from <relation> where <conditions>)}, correlated with the parent row. */
    public Condition exists(List<Condition> conditions) {
        SelectQuery<Record> query = correlated();
        query.addSelect(DSL.inline(1));
        query.addConditions(conditions);
        return DSL.exists(query);
    }

    /**
     * A new select over the target for a batch of parents: {@code keys} is the condition on {@link #linkColumns()}
     * that the caller builds from the parent keys.
     */
    SelectQuery<Record> batched(Condition keys) {
        SelectQuery<Record> query = DSL.select().getQuery();
        from(query);
        query.addConditions(keys);
        filter(query);
        return query;
    }

    /**
     * A new select over the target for every parent that {@code parents} selects (the parent key columns, in the order
     * of the relation's source columns): {@code where <link> in (<parents>)}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    SelectQuery<Record> forParents(org.jooq.Select<? extends Record> parents) {
        List<TableField<?, ?>> link = linkColumns();
        return batched(link.size() == 1 ? ((Field) link.get(0)).in((org.jooq.Select) parents)
                : DSL.row(link).in((org.jooq.Select) parents));
    }

    private void from(SelectQuery<Record> query) {
        query.addFrom(relation.target());
        relation.junction().ifPresent(junction -> query.addJoin(junction, JoinType.JOIN,
                equal(relation.junctionTargetColumns(), relation.targetColumns())));
    }

    private void filter(SelectQuery<Record> query) {
        query.addConditions(targetFilters);
        query.addConditions(junctionFilters);
    }

    private List<Field<?>> parentKeys(SelectQuery<Record> query) {
        boolean shadowed = TableNames.sameTable(relation.target(), relation.source())
                || relation.junction().map(j -> TableNames.sameTable(j, relation.source())).orElse(false);
        if (!shadowed) {
            return new ArrayList<>(relation.sourceColumns());
        }
        List<Field<?>> aliased = new ArrayList<>();
        for (int i = 0; i < relation.sourceColumns().size(); i++) {
            aliased.add(relation.sourceColumns().get(i).as(Aliases.column(i)));
        }
        Table<?> keys = DSL.select(aliased).asTable(Aliases.table(relation.name() + "_parent", graph));
        query.addFrom(keys);
        List<Field<?>> keyFields = new ArrayList<>();
        for (int i = 0; i < aliased.size(); i++) {
            keyFields.add(keys.field(i));
        }
        return keyFields;
    }

    @SuppressWarnings("unchecked")
    static Condition equal(List<? extends Field<?>> left, List<? extends Field<?>> right) {
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            parts.add(((Field<Object>) left.get(i)).eq((Field<Object>) right.get(i)));
        }
        return DSL.and(parts);
    }
}

package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.Relations;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * One level of a frozen read: what it selects (columns, extras, relations, trees) and how (conditions, order, limit,
 * offset), with every relation's join and row policy already decided. Immutable once the read is frozen; back ends,
 * decoders and mappers read nothing else.
 */
public final class LevelPlan {

    /** A computed value of each row, under {@code name}. */
    public record Extra(String name, Field<?> field) {
    }

    /**
     * A nested relation: its join, how many rows it holds per parent, and whether a missing row breaks the graph
     * ({@code optional(false)} with nothing of the level's own that could have removed the row).
     */
    public record Child(String name, Relation relation, Join join, RowPolicy policy, LevelPlan level, boolean required) {

        public boolean many() {
            return policy == RowPolicy.ALL;
        }
    }

    /** A self-referential relation read to its full depth; {@code nodeLevel} describes every node (all columns). */
    public record Tree(String name, Relation relation, Join join, int maxDepth, LevelPlan nodeLevel) {
    }

    private final Relations graph;
    private final Table<?> table;
    private final String path;
    private final List<Field<?>> columns;
    /** Per column: the key given with {@code key(column, name)}, or null for the camelCase of its name; null if none. */
    private final String[] columnKeys;
    private final List<Extra> extras;
    private final List<Child> children;
    /** Not final only so that a tree's node level can hold its own tree (set once, in {@link #tree}). */
    private List<Tree> trees;
    private final List<Condition> conditions;
    private final List<Relation> filterRelations;
    private final List<OrderField<?>> orderBy;
    private final Integer limit;
    private final Integer offset;
    private final List<Condition> rootFilters;

    /**
     * {@code columnKeys}: per column, its {@code key(...)} or null, or null when no column has one;
     * {@code filterRelations}: the relations its {@code whereHas}/{@code whereHasNo} conditions walk, at any depth;
     * {@code rootFilters}: the tenant condition of a top-level table (a nested level's are in its {@link Join});
     * {@code limit}/{@code offset} may be null.
     */
    public LevelPlan(Relations graph, Table<?> table, String path, List<Field<?>> columns, List<String> columnKeys,
            List<Extra> extras,
            List<Child> children, List<Tree> trees, List<Condition> conditions, List<Relation> filterRelations,
            List<OrderField<?>> orderBy, Integer limit, Integer offset, List<Condition> rootFilters) {
        this.graph = graph;
        this.table = table;
        this.path = path;
        this.columns = List.copyOf(columns);
        this.columnKeys = columnKeys == null ? null : columnKeys.toArray(new String[0]);
        this.extras = List.copyOf(extras);
        this.children = List.copyOf(children);
        this.trees = List.copyOf(trees);
        this.conditions = List.copyOf(conditions);
        this.filterRelations = List.copyOf(filterRelations);
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
        this.rootFilters = List.copyOf(rootFilters);
    }

    /**
     * The plan of a nested relation: decides its {@link RowPolicy} and whether a missing row is an error.
     */
    public static Child child(Relation relation, Scope scope, Relations graph, LevelPlan level) {
        RowPolicy policy = relation.kind() == RelationKind.MANY ? RowPolicy.ALL
                : relation.junction().isEmpty() && level.offset == null && linksToUniqueKey(relation)
                        ? RowPolicy.AT_MOST_ONE_BY_KEY : RowPolicy.FIRST_ONLY;
        boolean required = relation.kind() == RelationKind.ONE && !relation.optional() && level.conditions.isEmpty()
                && level.limit == null && level.offset == null;
        return new Child(relation.name(), relation, Join.of(relation, scope, graph), policy, level, required);
    }

    /** The plan of a tree: its node level reads every column and holds the tree again under the relation's name. */
    public static Tree tree(Relation relation, Scope scope, Relations graph, int maxDepth, String path) {
        List<Field<?>> all = List.of(relation.target().fields());
        LevelPlan node = new LevelPlan(graph, relation.target(), path, all, null, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null, List.of());
        Tree tree = new Tree(relation.name(), relation, Join.of(relation, scope, graph), maxDepth, node);
        node.trees = List.of(tree);
        return tree;
    }

    private static boolean linksToUniqueKey(Relation relation) {
        for (UniqueKey<?> key : relation.target().getKeys()) {
            if (key.getFields().size() == relation.targetColumns().size()
                    && relation.targetColumns().containsAll(key.getFields())) {
                return true;
            }
        }
        return false;
    }

    public Relations graph() {
        return graph;
    }

    public Table<?> table() {
        return table;
    }

    /** Where the level is in the read, e.g. {@code invoices.lineItems}; messages name it. */
    public String path() {
        return path;
    }

    /** The selected columns, in table order. */
    public List<Field<?>> columns() {
        return columns;
    }

    /** The key the {@code i}-th column was given with {@code key(column, name)}, or null: the camelCase of its name. */
    public String explicitKey(int i) {
        return columnKeys == null ? null : columnKeys[i];
    }

    /** The position of a selected column among {@link #columns()} (by name, as SQL binds it), or -1. */
    public int columnIndex(Field<?> column) {
        if (column == null) {
            return -1;
        }
        // a level has few columns: a scan costs less than building a map on every read
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == column) {
                return i;
            }
        }
        String name = column.getName();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<Extra> extras() {
        return extras;
    }

    public int extraIndex(String name) {
        return indexOf(extras, Extra::name, name);
    }

    public List<Child> children() {
        return children;
    }

    public int childIndex(String name) {
        return indexOf(children, Child::name, name);
    }

    public List<Tree> trees() {
        return trees;
    }

    public int treeIndex(String name) {
        return indexOf(trees, Tree::name, name);
    }

    /** The position of the element named {@code name} (a level has few), or -1. */
    private static <T> int indexOf(List<T> elements, java.util.function.Function<T, String> nameOf, String name) {
        for (int i = 0; i < elements.size(); i++) {
            if (nameOf.apply(elements.get(i)).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    /** The relations this level's {@code whereHas}/{@code whereHasNo} conditions walk, at any depth. */
    public List<Relation> filterRelations() {
        return filterRelations;
    }

    public List<OrderField<?>> orderBy() {
        return orderBy;
    }

    public Integer limit() {
        return limit;
    }

    public Integer offset() {
        return offset;
    }

    List<Condition> rootFilters() {
        return rootFilters;
    }

    /** Names of the relations and trees a row of this level holds. */
    public List<String> relationNames() {
        List<String> names = new ArrayList<>();
        children.forEach(c -> names.add(c.name()));
        trees.forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public String toString() {
        return path + relationNames();
    }
}

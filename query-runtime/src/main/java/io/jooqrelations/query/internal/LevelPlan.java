package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Table;

/**
 * One level of a frozen read: what it selects (columns, extras, relations, trees) and how (conditions, order, limit,
 * offset), with every relation's join, row policy, {@link Shape} and limit already decided by the {@link ReadPlanner}.
 * Immutable; back ends, decoders and mappers read nothing else and decide nothing again.
 */
public final class LevelPlan {

    /** A computed value of each row, under {@code name}. */
    public record Extra(String name, Field<?> field) {
    }

    /**
     * How a back end reads a nested relation: decided once per read by the {@link ReadPlanner}, rendered by the back
     * ends as they are told (the typed and the JSON statement alike).
     */
    public enum Shape {
        /** A to-one that is a bare key lookup: {@code LEFT JOIN} of the aliased target table. */
        LOOKUP_JOIN,
        /** Any other to-one where the dialect has {@code LATERAL}: {@code LEFT JOIN LATERAL} of a one-row subquery. */
        LATERAL_JOIN,
        /** Any other to-one without {@code LATERAL}: a correlated subquery of at most one row in the select list. */
        NESTED_ONE,
        /** A to-many: a correlated subquery per parent row in the select list ({@code MULTISET}, {@code json_agg}). */
        CORRELATED,
        /**
         * A relation with a limit or offset per parent where the dialect cannot limit the correlated subquery (MariaDB
         * resolves no outer reference in the derived table jOOQ limits): the level's ordered rows, sliced. (The JSON
         * back end writes a to-one of this shape as a limited scalar subquery, which MariaDB can limit.)
         */
        SLICED,
        /** A to-many of the top level aggregated once for all parents and joined ({@code JoinShape.GROUPED}/AUTO). */
        GROUPED,
        /** Query per level: one query for the rows of all parents ({@code = any(?)}), windowed when limited. */
        BATCH
    }

    /**
     * A nested relation: its join, how many rows it holds per parent, whether a missing row breaks the graph
     * ({@code optional(false)} with nothing of the level's own that could have removed the row), its shape and the
     * limit of its rows per parent (the level's own, capped to one for a {@link RowPolicy#FIRST_ONLY} to-one; null for
     * none).
     */
    public record Child(String name, Relation relation, Join join, RowPolicy policy, LevelPlan level, boolean required,
            Shape shape, Integer limit) {

        public boolean many() {
            return policy == RowPolicy.ALL;
        }

        /** Whether the relation reads a window of rows per parent: a limit or an offset. */
        public boolean windowed() {
            return limit != null || level.offset() != null;
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
    private final List<Tree> trees;
    private final List<Condition> conditions;
    private final List<Relation> filterRelations;
    private final List<OrderField<?>> orderBy;
    private final Integer limit;
    private final Integer offset;
    private final List<Condition> rootFilters;
    private final List<Field<?>> seekAfter;
    /** How many values a row of this level takes in a typed statement's select list (see {@link #width()}). */
    private final int width;

    /**
     * {@code columnKeys}: per column, its {@code key(...)} or null, or null when no column has one;
     * {@code filterRelations}: the relations its {@code whereHas}/{@code whereHasNo} conditions walk, at any depth;
     * {@code rootFilters}: the tenant condition of a top-level table (a nested level's are in its {@link Join});
     * {@code limit}/{@code offset} may be null (a top level's limit is the one its statement runs with);
     * {@code seekAfter}: a top level's keyset values to continue after (empty: none).
     */
    public LevelPlan(Relations graph, Table<?> table, String path, List<Field<?>> columns, List<String> columnKeys,
            List<Extra> extras,
            List<Child> children, List<Tree> trees, List<Condition> conditions, List<Relation> filterRelations,
            List<OrderField<?>> orderBy, Integer limit, Integer offset, List<Condition> rootFilters,
            List<Field<?>> seekAfter) {
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
        this.seekAfter = List.copyOf(seekAfter);
        this.width = width(this.columns.size() + this.extras.size() + this.trees.size(), this.children);
    }

    /**
     * The node level of a tree: every column of the relation's target, and the tree itself again under the relation's
     * name (built here, so that the level and its tree refer to each other and both stay immutable).
     */
    private LevelPlan(Relations graph, Relation relation, Join join, int maxDepth, String path) {
        this.graph = graph;
        this.table = relation.target();
        this.path = path;
        this.columns = List.of(relation.target().fields());
        this.columnKeys = null;
        this.extras = List.of();
        this.children = List.of();
        this.trees = List.of(new Tree(relation.name(), relation, join, maxDepth, this));
        this.conditions = List.of();
        this.filterRelations = List.of();
        this.orderBy = List.of();
        this.limit = null;
        this.offset = null;
        this.rootFilters = List.of();
        this.seekAfter = List.of();
        this.width = columns.size() + 1;
    }

    /** The plan of a tree: its node level reads every column and holds the tree again under the relation's name. */
    public static Tree tree(Relation relation, Scope scope, Relations graph, int maxDepth, String path) {
        return new LevelPlan(graph, relation, Join.of(relation, scope, graph), maxDepth, path).trees.get(0);
    }

    /**
     * The values a row takes in a typed select list: one per column, extra, tree and nested collection; a key lookup
     * its presence marker and the target's columns; a lateral join its marker and the target level's row.
     */
    private static int width(int own, List<Child> children) {
        int width = own;
        for (Child child : children) {
            width += switch (child.shape()) {
                case LOOKUP_JOIN -> 1 + child.level().columns().size();
                case LATERAL_JOIN -> 1 + child.level().width();
                default -> 1;
            };
        }
        return width;
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

    /** The keyset values a top level continues after ({@code findPage} after a cursor); empty for every other read. */
    public List<Field<?>> seekAfter() {
        return seekAfter;
    }

    /** How many values a row of this level takes in a typed statement's select list, before any chunking. */
    int width() {
        return width;
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

package io.jooqrelations.query;

import io.jooqrelations.query.internal.ForeignTableCheck;
import io.jooqrelations.query.internal.Handles;
import io.jooqrelations.query.internal.Join;
import io.jooqrelations.query.internal.LevelPlan;
import io.jooqrelations.query.internal.ReadPlanner;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.CamelCase;
import io.jooqrelations.relations.internal.Identifiers;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * What every level of a nested read can say: {@code where}, {@code orderBy}, {@code limit}, {@code offset},
 * {@code columns}/{@code omit}, {@code extra}, {@code with} (nested relations) and {@code whereHas}/{@code whereHasNo}
 * (filters by relation). Each call checks its arguments at once and throws {@link InvalidReadException} (or
 * {@link io.jooqrelations.relations.UnknownRelationException}) naming the level.
 *
 * <pre>{@code
 * reads.from(INVOICES)
 *     .where(INVOICES.STATUS.eq(InvoiceStatus.open))
 *     .orderBy(INVOICES.ISSUED_ON.desc())
 *     .limit(20)
 *     .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).omit(INVOICE_LINE_ITEMS.INVOICE_ID))
 *     .whereHas(TAGS, t -> t.where(TAGS.NAME.eq("urgent")));
 * }</pre>
 *
 * @param <R>    the record type of this level's table
 * @param <SELF> the concrete level type, for chaining
 */
public abstract class AbstractLevel<R extends Record, SELF extends AbstractLevel<R, SELF>> {

    /** How deep a read may nest; deeper reads are almost certainly a bug (or hostile input). */
    public static final int MAX_DEPTH = 16;

    final Relations relations;
    /** The tenant scope every level of the read applies; {@code null} when the reads are not scoped. */
    final Scope scope;
    final Table<R> table;
    final String path;
    final int depth;
    final List<Condition> conditions = new ArrayList<>();
    /** The relations {@code whereHas}/{@code whereHasNo} walk from this level, their nested filters included. */
    final List<Relation> filterRelations = new ArrayList<>();
    final List<OrderField<?>> orderBy = new ArrayList<>();
    Integer limit;
    Integer offset;
    /** The names of the columns selected with {@link #columns}, or null for all (a column's name is unique in its table). */
    Set<String> columns;
    final Set<String> omitted = new LinkedHashSet<>();
    /** Result keys given with {@link #key}, by column name; other columns are keyed by the camelCase of their name. */
    final Map<String, String> keys = new LinkedHashMap<>();
    final Map<String, Field<?>> extras = new LinkedHashMap<>();
    final Map<String, Child> children = new LinkedHashMap<>();

    final Map<String, Tree> trees = new LinkedHashMap<>();

    /** A nested relation of a level. */
    record Child(Relation relation, Level<?> level) {
    }

    /** A self-referential relation read to full depth. */
    record Tree(Relation relation, int maxDepth) {
    }

    /** The largest {@code maxDepth} of {@link #withTree}. */
    public static final int MAX_TREE_DEPTH = 1000;

    AbstractLevel(Relations relations, Scope scope, Table<R> table, String path, int depth) {
        this.relations = relations;
        this.scope = scope;
        this.table = table;
        this.path = path;
        this.depth = depth;
    }

    @SuppressWarnings("unchecked")
    private SELF self() {
        return (SELF) this;
    }

    /** Conditions on this level's table, AND-ed with any given before. */
    public SELF where(Condition... conditions) {
        requireNonNull(conditions, "where");
        for (Condition c : conditions) {
            requireNonNull(c, "where");
            ForeignTableCheck.check(c, table, relations, "where(...)", path);
            this.conditions.add(c);
        }
        return self();
    }

    /** Sort order of this level's rows (for a nested level: within each parent row). */
    public SELF orderBy(OrderField<?>... fields) {
        requireNonNull(fields, "orderBy");
        for (OrderField<?> f : fields) {
            requireNonNull(f, "orderBy");
            ForeignTableCheck.check(f, table, relations, "orderBy(...)", path);
            orderBy.add(f);
        }
        return self();
    }

    /** At most {@code limit} rows (for a nested level: per parent row). */
    public SELF limit(int limit) {
        if (limit < 0) {
            throw new InvalidReadException("limit(" + limit + ") on " + path + ": a limit must be 0 or more.");
        }
        this.limit = limit;
        return self();
    }

    /** Skips {@code offset} rows (for a nested level: per parent row). */
    public SELF offset(int offset) {
        if (offset < 0) {
            throw new InvalidReadException("offset(" + offset + ") on " + path + ": an offset must be 0 or more.");
        }
        this.offset = offset;
        return self();
    }

    /** Selects only these columns of this level's table (the default is all of them). */
    public SELF columns(TableField<?, ?>... columns) {
        requireNonNull(columns, "columns");
        if (columns.length == 0) {
            throw new InvalidReadException("columns() on " + path + " selects nothing; name at least one column of "
                    + table.getName() + ", or leave columns(...) out to select all.");
        }
        Set<String> selected = new LinkedHashSet<>();
        for (TableField<?, ?> c : columns) {
            requireNonNull(c, "columns");
            requireOwnColumn(c, "columns(...)");
            selected.add(c.getName());
        }
        this.columns = selected;
        return self();
    }

    /** Selects every column of this level's table except these. */
    public SELF omit(TableField<?, ?>... columns) {
        requireNonNull(columns, "omit");
        for (TableField<?, ?> c : columns) {
            requireNonNull(c, "omit");
            requireOwnColumn(c, "omit(...)");
            omitted.add(c.getName());
        }
        if (selectedColumns().isEmpty() && extras.isEmpty() && children.isEmpty()) {
            throw new InvalidReadException("omit(...) on " + path + " leaves no column of " + table.getName()
                    + " to select; keep at least one column.");
        }
        return self();
    }

    /**
     * The key a column of this level is read under, in JSON and in record components, instead of the camelCase of its
     * name: for two columns whose names give the same key ({@code first_name} and {@code "firstName"}), or a column
     * whose name is no Java identifier ({@code "Line No"} as {@code lineNo}).
     */
    public SELF key(TableField<?, ?> column, String key) {
        requireNonNull(column, "key");
        requireOwnColumn(column, "key(...)");
        if (keys.containsKey(column.getName())) {
            throw new InvalidReadException("key(" + column.getName() + ", \"" + key + "\") on " + path + ": the column "
                    + "already has the key '" + keys.get(column.getName()) + "'.");
        }
        // a key another column is read under is found when the read is frozen, once every key(...) is known
        checkKeyUnused(key, "key");
        keys.put(column.getName(), key);
        return self();
    }

    /** A computed value on each row of this level, under {@code name} (any jOOQ field over this level's table). */
    public SELF extra(String name, Field<?> field) {
        requireNonNull(field, "extra");
        checkNewKey(name, "extra");
        ForeignTableCheck.check(field, table, relations, "extra(\"" + name + "\", ...)", path);
        extras.put(name, field);
        return self();
    }

    /** A value computed from related rows under {@code name}: see {@link Related}. */
    public SELF extra(String name, Related related) {
        requireNonNull(related, "extra");
        checkNewKey(name, "extra");
        extras.put(name, related.toField(relations, scope, table, path));
        return self();
    }

    /** The number of {@code relation} rows of each row, under {@code <relation>Count} (e.g. {@code lineItemsCount}). */
    public SELF withCount(String relation) {
        requireNonNull(relation, "withCount");
        Related count = Related.count(relation);
        return extra(count.defaultName(), count);
    }

    /** Typed {@link #withCount(String)}. */
    public <T extends Record> SELF withCount(RelationHandle<R, T> relation) {
        requireNonNull(relation, "withCount");
        return withCount(ownRelation(relation).name());
    }

    /** Orders this level by a value of related rows: a to-one path's column, or an aggregate of a relation. */
    public SELF orderBy(Related related, SortOrder order) {
        requireNonNull(related, "orderBy");
        requireNonNull(order, "orderBy");
        orderBy.add(related.toField(relations, scope, table, path).sort(order));
        return self();
    }

    /** Includes the relation {@code name} of this level's table with all its columns. */
    public SELF with(String name) {
        return with(name, nested -> { });
    }

    /** Includes the relation {@code name}, shaped by {@code nested} (its own where, orderBy, with, ...). */
    public SELF with(String name, Consumer<Level<?>> nested) {
        requireNonNull(name, "with");
        return addChild(relations.relation(table, name), nested);
    }

    /** Includes a relation through its typed handle. */
    public <T extends Record> SELF with(RelationHandle<R, T> relation) {
        return with(relation, nested -> { });
    }

    /** Includes a relation through its typed handle, shaped by {@code nested}. */
    public <T extends Record> SELF with(RelationHandle<R, T> relation, Consumer<Level<T>> nested) {
        requireNonNull(relation, "with");
        return addChild(ownRelation(relation), nested);
    }

    /**
     * Includes a self-referential to-many relation (e.g. {@code comments.replies}) to its full depth, as a nested tree
     * under the relation's name at every node, read with {@code WITH RECURSIVE} inside the same statement. A tree deeper
     * than {@code maxDepth}, or a cycle in the data, is a {@link ReadDataException}. Every node has all columns;
     * siblings are ordered by key.
     */
    public SELF withTree(String relation, int maxDepth) {
        requireNonNull(relation, "withTree");
        return addTree(relations.relation(table, relation), maxDepth);
    }

    /** Typed {@link #withTree(String, int)}. */
    public SELF withTree(Many<R, R> relation, int maxDepth) {
        requireNonNull(relation, "withTree");
        return addTree(ownRelation(relation), maxDepth);
    }

    private SELF addTree(Relation r, int maxDepth) {
        requireSelfReference(r, "withTree");
        if (r.junction().isPresent() || r.sourceColumns().size() != 1 || r.kind() != RelationKind.MANY) {
            throw new InvalidReadException("withTree(\"" + r.name() + "\") on " + path + " needs a direct to-many "
                    + "relation over one key column (like comments.replies); " + r.qualifiedName() + " is not.");
        }
        if (maxDepth < 1 || maxDepth > MAX_TREE_DEPTH) {
            throw new InvalidReadException("withTree(\"" + r.name() + "\", " + maxDepth + ") on " + path + ": maxDepth "
                    + "must be between 1 and " + MAX_TREE_DEPTH + ".");
        }
        checkNewKey(r.name(), "withTree");
        trees.put(r.name(), new Tree(r, maxDepth));
        return self();
    }

    /**
     * Includes a self-referential relation nested {@code depth} levels deep (e.g. replies of replies of replies), each
     * level shaped by {@code eachLevel}: plain nested multisets, no recursion in SQL.
     */
    public SELF withRecursive(String relation, int depth, Consumer<Level<?>> eachLevel) {
        requireNonNull(relation, "withRecursive");
        return addRecursive(relations.relation(table, relation), depth, eachLevel);
    }

    /** Typed {@link #withRecursive(String, int, Consumer)}. */
    public SELF withRecursive(Many<R, R> relation, int depth, Consumer<Level<R>> eachLevel) {
        requireNonNull(relation, "withRecursive");
        return addRecursive(ownRelation(relation), depth, eachLevel);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    SELF addRecursive(Relation relation, int depth, Consumer<? extends Level<?>> eachLevel) {
        requireNonNull(eachLevel, "withRecursive");
        requireSelfReference(relation, "withRecursive");
        if (depth < 1) {
            throw new InvalidReadException("withRecursive(\"" + relation.name() + "\", " + depth + ", ...) on " + path
                    + ": depth must be 1 or more.");
        }
        return addChild(relation, level -> {
            ((Consumer) eachLevel).accept(level);
            if (depth > 1) {
                level.addRecursive(relation, depth - 1, eachLevel);
            }
        });
    }

    private void requireSelfReference(Relation r, String method) {
        if (!TableNames.sameTable(r.source(), r.target())) {
            throw new InvalidReadException(method + "(\"" + r.name() + "\") on " + path + ": " + r.qualifiedName()
                    + " leads to " + r.target().getName() + ", not back to " + table.getName()
                    + "; recursion needs a self-referential relation such as comments.replies.");
        }
    }

    /** Keeps only rows that have at least one {@code name} row (matching {@code filter}): SQL {@code EXISTS}. */
    public SELF whereHas(String name, Consumer<RelationFilter<?>> filter) {
        requireNonNull(name, "whereHas");
        return addExists(relations.relation(table, name), filter, true);
    }

    /** Keeps only rows that have at least one {@code name} row. */
    public SELF whereHas(String name) {
        return whereHas(name, f -> { });
    }

    /** Typed {@link #whereHas(String)}. */
    public <T extends Record> SELF whereHas(RelationHandle<R, T> relation) {
        return whereHas(relation, f -> { });
    }

    /** Keeps only rows that have no {@code name} row (matching {@code filter}): SQL {@code NOT EXISTS}. */
    public SELF whereHasNo(String name, Consumer<RelationFilter<?>> filter) {
        requireNonNull(name, "whereHasNo");
        return addExists(relations.relation(table, name), filter, false);
    }

    /** Keeps only rows that have no {@code name} row. */
    public SELF whereHasNo(String name) {
        return whereHasNo(name, f -> { });
    }

    /** Typed {@link #whereHasNo(String)}. */
    public <T extends Record> SELF whereHasNo(RelationHandle<R, T> relation) {
        return whereHasNo(relation, f -> { });
    }

    /** Typed {@link #whereHas(String, Consumer)}. */
    public <T extends Record> SELF whereHas(RelationHandle<R, T> relation, Consumer<RelationFilter<T>> filter) {
        requireNonNull(relation, "whereHas");
        return addExists(ownRelation(relation), filter, true);
    }

    /** Typed {@link #whereHasNo(String, Consumer)}. */
    public <T extends Record> SELF whereHasNo(RelationHandle<R, T> relation, Consumer<RelationFilter<T>> filter) {
        requireNonNull(relation, "whereHasNo");
        return addExists(ownRelation(relation), filter, false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T extends Record> SELF addExists(Relation relation, Consumer<? extends RelationFilter<?>> filter, boolean exists) {
        requireNonNull(filter, exists ? "whereHas" : "whereHasNo");
        RelationFilter<T> spec = new RelationFilter<>(relations, scope, (Table<T>) relation.target(),
                path + "." + relation.name(), depth + 1);
        ((Consumer) filter).accept(spec);
        filterRelations.add(relation);
        filterRelations.addAll(spec.walked());
        Condition condition = Join.of(relation, scope, relations).exists(spec.conditions());
        conditions.add(exists ? condition : org.jooq.impl.DSL.not(condition));
        return self();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SELF addChild(Relation relation, Consumer<? extends Level<?>> nested) {
        requireNonNull(nested, "with");
        if (depth + 1 > MAX_DEPTH) {
            throw new InvalidReadException("with(\"" + relation.name() + "\") on " + path + " nests deeper than "
                    + MAX_DEPTH + " levels; a read this deep is almost certainly a mistake. Split it, or use a recursive "
                    + "query for trees.");
        }
        // the graph refused a relation named like a column of its table when it was built: only the level's own keys
        checkKeyUnused(relation.name(), "with");
        Level<?> level = new Level<>(relations, scope, (Table) relation.target(), path + "." + relation.name(), depth + 1,
                relation);
        ((Consumer) nested).accept(level);
        children.put(relation.name(), new Child(relation, level));
        return self();
    }

    /** The handle's relation in this read's graph; a handle of another table is refused. */
    Relation ownRelation(RelationHandle<?, ?> handle) {
        return Handles.own(handle, table, relations, "this level (" + path + ")");
    }

    void checkNewKey(String name, String method) {
        checkKeyUnused(name, method);
        checkNotAColumnKey(name, method);
    }

    /** {@code name} is an identifier and no extra, relation, tree or {@code key(...)} of this level uses it yet. */
    private void checkKeyUnused(String name, String method) {
        if (name == null || !Identifiers.isIdentifier(name)) {
            throw new InvalidReadException(method + "(\"" + name + "\") on " + path + ": a name must be letters, digits "
                    + "and '_', starting with a letter.");
        }
        if (extras.containsKey(name) || children.containsKey(name) || trees.containsKey(name) || keys.containsValue(name)) {
            throw new InvalidReadException(method + "(\"" + name + "\") on " + path + ": '" + name
                    + "' is already used at this level by " + (extras.containsKey(name) ? "an extra"
                            : keys.containsValue(name) ? "a key(...)" : "a with(...)")
                    + "; each key appears once.");
        }
    }

    /** No column of this level is read under {@code name} (its name, or the camelCase of it, unless re-keyed). */
    private void checkNotAColumnKey(String name, String method) {
        for (Field<?> column : table.fields()) {
            if (keys.containsKey(column.getName())) {
                continue; // read under its own key, checked above
            }
            if (column.getName().equals(name) || CamelCase.of(column.getName()).equals(name)) {
                throw new InvalidReadException(method + "(\"" + name + "\") on " + path + " collides with column "
                        + table.getName() + "." + column.getName() + "; choose another name.");
            }
        }
    }

    private void requireOwnColumn(TableField<?, ?> column, String method) {
        if (!TableNames.sameTable(column.getTable(), table)) {
            throw new InvalidReadException(method + " on " + path + " was given " + column.getTable().getName() + "."
                    + column.getName() + ", which is not a column of " + table.getName() + "; a level selects columns of "
                    + "its own table only.");
        }
    }

    void requireNonNull(Object value, String method) {
        if (value == null) {
            throw new InvalidReadException(method + "(...) on " + path + " was given null.");
        }
    }

    /** The columns this level selects, in table order. */
    List<Field<?>> selectedColumns() {
        List<Field<?>> result = new ArrayList<>();
        for (Field<?> f : table.fields()) {
            if ((columns == null || columns.contains(f.getName())) && !omitted.contains(f.getName())) {
                result.add(f);
            }
        }
        return result;
    }

    /**
     * Freezes this level (and everything below it) into its immutable plan, the {@code planner} deciding how each
     * relation is read: what the back ends compile and the decoders read; later changes to this builder do not reach
     * it. {@code rootFilters}: the tenant condition of a top level.
     */
    LevelPlan freeze(List<Condition> rootFilters, ReadPlanner<?> planner) {
        List<Field<?>> selected = selectedColumns();
        if (selected.isEmpty() && extras.isEmpty() && children.isEmpty() && trees.isEmpty()) {
            throw new InvalidReadException("The read of " + path + " selects nothing: columns/omit leave no column of "
                    + table.getName() + " and there is no extra or with(...).");
        }
        List<String> columnKeys = columnKeys(selected);
        List<LevelPlan.Extra> extraPlans = new ArrayList<>();
        extras.forEach((name, field) -> extraPlans.add(new LevelPlan.Extra(name, field)));
        List<LevelPlan.Child> childPlans = new ArrayList<>();
        ReadPlanner.Parent parent = planner.parent(table, depth, limit, offset);
        children.values().forEach(c -> childPlans.add(planner.child(c.relation(), scope, relations,
                c.level().freeze(List.of(), planner), parent)));
        List<LevelPlan.Tree> treePlans = new ArrayList<>();
        trees.forEach((name, t) -> treePlans.add(LevelPlan.tree(t.relation(), scope, relations, t.maxDepth(),
                path + "." + name + "*")));
        boolean top = depth == 0;
        return new LevelPlan(relations, table, path, selected, columnKeys, extraPlans, childPlans, treePlans, conditions,
                filterRelations, orderBy, top ? planner.topLimit(limit) : limit, offset, rootFilters,
                top ? planner.seekAfter() : List.of());
    }

    /**
     * The key each selected column was given ({@code null}: the camelCase of its name), or null when none was given;
     * two columns under one key are refused, as JSON would hold the key twice and a record could take only one.
     */
    private List<String> columnKeys(List<Field<?>> selected) {
        // a level has few columns: pairwise comparison allocates nothing, which a map per read would
        if (keys.isEmpty()) {
            checkKeys(selected, null);
            return null;
        }
        List<String> result = new ArrayList<>(selected.size());
        for (Field<?> column : selected) {
            result.add(keys.get(column.getName()));
        }
        checkKeys(selected, result);
        return result;
    }

    /** Refuses two columns read under one key; {@code explicit}: each column's key(...), or null when none has one. */
    private void checkKeys(List<Field<?>> selected, List<String> explicitKeys) {
        // an unkeyed column is read as the camelCase of its name (records, CAMEL_CASE JSON) and as its name
        // (COLUMN_NAMES JSON); a keyed one only as its key. A level has few columns: comparing pairs allocates less
        // than a map per read.
        int n = selected.size();
        String[] camel = new String[n];
        String[] raw = new String[n];
        for (int i = 0; i < n; i++) {
            String explicit = explicitKeys == null ? null : explicitKeys.get(i);
            raw[i] = explicit != null ? explicit : selected.get(i).getName();
            camel[i] = explicit != null ? explicit : CamelCase.of(raw[i]);
            for (int j = 0; j < i; j++) {
                String shared = camel[j].equals(camel[i]) || camel[j].equals(raw[i]) ? camel[j]
                        : raw[j].equals(camel[i]) || raw[j].equals(raw[i]) ? raw[j] : null;
                if (shared != null) {
                    throw new InvalidReadException("Columns " + TableNames.displayName(table) + "." + selected.get(j).getName()
                            + " and " + TableNames.displayName(table) + "." + selected.get(i).getName() + " are both read "
                            + "under the key '" + shared + "' at " + path + "; give one a key of its own with "
                            + "key(column, \"...\"), or leave one out with omit(...).");
                }
            }
        }
    }

    @Override
    public String toString() {
        return path + Arrays.toString(children.keySet().toArray());
    }
}

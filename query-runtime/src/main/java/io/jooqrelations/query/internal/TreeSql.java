package io.jooqrelations.query.internal;

import io.jooqrelations.query.ReadDataException;
import io.jooqrelations.relations.Relation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A self-referential relation read to its full depth with {@code WITH RECURSIVE}, inside the same single statement:
 * one correlated subquery returns every descendant with its depth, which is stitched into a nested tree in memory. The
 * recursion carries the path of keys (an array on PostgreSQL, a text {@code /1/4/9/} on SQLite) as a cycle guard and stops one level below the depth limit, so that a tree deeper
 * than the limit is reported instead of silently cut. The CTE and its columns have names of their own (positional
 * columns, a CTE name no table of the graph has), so no user table or column can collide with them.
 */
final class TreeSql {

    /** Positions in each returned row: the depth, the cycle flag, then the table's columns. */
    private static final int DEPTH = 0;
    private static final int CYCLE = 1;
    private static final int COLUMNS = 2;

    private TreeSql() {
    }

    /**
     * The subquery of one tree, correlated with the parent row, as a multiset of (depth, cycle, columns...). The path of
     * keys is an array on PostgreSQL and a text {@code /k1/k2/} elsewhere ({@code arrayPath} false).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Field<Result<Record>> field(LevelPlan.Tree tree, boolean arrayPath) {
        Relation relation = tree.relation();
        Table<?> table = relation.target();
        Field key = relation.sourceColumns().get(0);
        Field parent = relation.targetColumns().get(0);
        List<Field<?>> columns = List.of(table.fields());
        String cteName = Aliases.table("tree", tree.nodeLevel().graph());

        // CTE columns: c0 depth, c1 path of keys, c2 cycle, c3... the table's columns
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size() + 3; i++) {
            names.add(Aliases.column(i));
        }
        Field<Integer> previousDepth = DSL.field(DSL.name(cteName, names.get(0)), Integer.class);
        Field previousPath = DSL.field(DSL.name(cteName, names.get(1)),
                arrayPath ? key.getDataType().getArrayDataType() : SQLDataType.VARCHAR);
        Field<Boolean> previousCycle = DSL.field(DSL.name(cteName, names.get(2)), Boolean.class);
        Field previousKey = DSL.field(DSL.name(cteName, names.get(3 + table.indexOf(key))), key.getDataType());

        SelectQuery<Record> anchor = tree.join().correlated();
        Field<String> keyText = arrayPath ? null : DSL.concat(DSL.inline("/"), key.cast(SQLDataType.VARCHAR), DSL.inline("/"));
        anchor.addSelect(DSL.inline(1), arrayPath ? DSL.array(key) : keyText, DSL.inline(false));
        anchor.addSelect(columns);

        SelectQuery<Record> step = DSL.select().getQuery();
        if (arrayPath) {
            step.addSelect(previousDepth.plus(1), DSL.field("array_append({0}, {1})", previousPath.getDataType(),
                    previousPath, key), key.eq(DSL.any(previousPath)));
        } else {
            // the path as text, '/1/4/9/': a key is on it when '/<key>/' is
            step.addSelect(previousDepth.plus(1),
                    DSL.concat(previousPath, key.cast(SQLDataType.VARCHAR), DSL.inline("/")),
                    DSL.field(DSL.position((Field<String>) previousPath, keyText).gt(0)));
        }
        step.addSelect(columns);
        step.addFrom(table);
        step.addJoin(DSL.table(DSL.name(cteName)), parent.eq(previousKey));
        step.addConditions(previousDepth.le(DSL.inline(tree.maxDepth())), DSL.condition(previousCycle).not());
        step.addConditions(tree.join().targetFilters());

        CommonTableExpression<?> cte = DSL.name(cteName).fields(names.toArray(String[]::new))
                .as((Select) anchor.unionAll((Select) step));
        List<Field<?>> out = new ArrayList<>();
        out.add(cte.field(0));
        out.add(cte.field(2));
        for (int i = 0; i < columns.size(); i++) {
            out.add(cte.field(3 + i));
        }
        Select<Record> select = (Select) DSL.withRecursive(cte).select(NestedRows.pack(out)).from(cte)
                .orderBy(cte.field(0), cte.field(3 + table.indexOf(key)));
        return DSL.multiset(select);
    }

    /** The roots of the tree under one parent row, each holding its children as tree 0. */
    static List<RowView> stitch(Result<Record> rows, LevelPlan.Tree tree, RowView parentRow) {
        Relation relation = tree.relation();
        Table<?> table = relation.target();
        int key = COLUMNS + table.indexOf(relation.sourceColumns().get(0));
        int parentKey = COLUMNS + table.indexOf(relation.targetColumns().get(0));
        int chunk = NestedRows.chunkFor(COLUMNS + table.fields().length);
        Map<Object, List<RowView>> childrenOf = new HashMap<>();
        List<RowView> roots = new ArrayList<>();
        for (Record record : rows) {
            TreeRow node = new TreeRow(tree.nodeLevel(), record, chunk);
            int depth = (Integer) node.value(DEPTH);
            if (Boolean.TRUE.equals(node.value(CYCLE))) {
                throw new ReadDataException("Tree " + relation.qualifiedName() + " has a cycle: " + table.getName()
                        + " " + node.value(key) + " is its own ancestor (via "
                        + relation.targetColumns().get(0).getName() + "); fix the data, or read a bounded depth with "
                        + "withRecursive(...).");
            }
            if (depth > tree.maxDepth()) {
                throw new ReadDataException("Tree " + relation.qualifiedName() + " under the "
                        + parentRow.level().table().getName() + " row " + parentRow.describe() + " is deeper than withTree(\""
                        + relation.name() + "\", " + tree.maxDepth() + ") allows (" + table.getName() + " " + node.value(key)
                        + " is at depth " + depth + "); raise the limit or read fewer levels.");
            }
            childrenOf.put(node.value(key), node.children);
            if (depth == 1) {
                roots.add(node);
            } else {
                childrenOf.get(node.value(parentKey)).add(node);
            }
        }
        return Collections.unmodifiableList(roots);
    }

    /** A node of a tree: all columns of the table, and its children as the level's only tree. */
    private static final class TreeRow extends RowView {

        private final LevelPlan level;
        private final Record row;
        private final int chunk;
        private final List<RowView> children = new ArrayList<>();
        private final List<RowView> childrenView = Collections.unmodifiableList(children);

        TreeRow(LevelPlan level, Record row, int chunk) {
            this.level = level;
            this.row = row;
            this.chunk = chunk;
        }

        Object value(int slot) {
            return NestedRows.value(row, slot, chunk);
        }

        @Override
        public LevelPlan level() {
            return level;
        }

        @Override
        public Object column(int i) {
            return value(COLUMNS + i);
        }

        @Override
        public Object extra(int i) {
            throw new IndexOutOfBoundsException("tree nodes have no extras");
        }

        @Override
        public List<RowView> many(int i) {
            throw new IndexOutOfBoundsException("tree nodes have no nested relations");
        }

        @Override
        RowView oneOrNull(int i) {
            throw new IndexOutOfBoundsException("tree nodes have no nested relations");
        }

        @Override
        public List<RowView> tree(int i) {
            return childrenView;
        }

        @Override
        public Configuration configuration() {
            return row.configuration();
        }
    }
}

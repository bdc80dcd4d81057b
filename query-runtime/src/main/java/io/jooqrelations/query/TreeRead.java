package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * A self-referential relation read to its full depth with {@code WITH RECURSIVE}, inside the same single statement:
 * one correlated subquery returns every descendant with its depth, which is stitched into a nested tree in memory.
 * The recursion carries the path of keys as a cycle guard and stops one level below the depth limit, so that a tree
 * deeper than the limit is reported instead of silently cut.
 */
final class TreeRead {

    private static final String DEPTH = "tree_depth";
    private static final String PATH = "tree_path";
    private static final String CYCLE = "tree_cycle";

    private TreeRead() {
    }

    /** The subquery of one tree, correlated with the parent row, as a multiset of (depth, cycle, columns...). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Field<Result<Record>> field(AbstractLevel.Tree tree) {
        Relation relation = tree.relation();
        Table<?> table = relation.target();
        Field key = relation.sourceColumns().get(0);
        Field parent = relation.targetColumns().get(0);
        List<Field<?>> columns = List.of(table.fields());

        SelectQuery<Record> anchor = CorrelatedJoin.query(relation, tree.nodeLevel().scope);
        anchor.addSelect(DSL.inline(1).as(DEPTH), DSL.array(key).as(PATH), DSL.inline(false).as(CYCLE));
        anchor.addSelect(columns);

        List<String> names = new ArrayList<>(List.of(DEPTH, PATH, CYCLE));
        columns.forEach(c -> names.add(c.getName()));
        Table<?> previous = DSL.table(DSL.name("tree"));
        Field<Integer> previousDepth = DSL.field(DSL.name("tree", DEPTH), Integer.class);
        Field previousPath = DSL.field(DSL.name("tree", PATH), key.getDataType().getArrayDataType());
        Field<Boolean> previousCycle = DSL.field(DSL.name("tree", CYCLE), Boolean.class);
        Field previousKey = DSL.field(DSL.name("tree", key.getName()), key.getDataType());
        SelectQuery<Record> step = DSL.select().getQuery();
        step.addSelect(previousDepth.plus(1), DSL.field("array_append({0}, {1})", previousPath.getDataType(), previousPath, key), key.eq(DSL.any(previousPath)));
        step.addSelect(columns);
        step.addFrom(table);
        step.addJoin(previous, parent.eq(previousKey));
        step.addConditions(previousDepth.le(tree.maxDepth()), DSL.condition(previousCycle).not());
        relation.filter().ifPresent(step::addConditions);
        if (tree.nodeLevel().scope != null) {
            tree.nodeLevel().scope.condition(table).ifPresent(step::addConditions);
        }

        CommonTableExpression<?> cte = DSL.name("tree").fields(names.toArray(String[]::new))
                .as((Select) anchor.unionAll((Select) step));
        List<Field<?>> out = new ArrayList<>();
        out.add(cte.field(DEPTH));
        out.add(cte.field(CYCLE));
        columns.forEach(c -> out.add(cte.field(c.getName())));
        Select<Record> select = (Select) DSL.withRecursive(cte).select(out).from(cte)
                .orderBy(cte.field(DEPTH), cte.field(key.getName()));
        return DSL.multiset(select);
    }

    /** The roots of the tree under one parent row, each holding its children under the relation's name. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Node<?>> stitch(Result<Record> rows, AbstractLevel.Tree tree, Record parentRow) {
        Relation relation = tree.relation();
        TableField<?, ?> key = relation.sourceColumns().get(0);
        TableField<?, ?> parentKey = relation.targetColumns().get(0);
        Map<Object, List<Node<?>>> childrenOf = new HashMap<>();
        List<Node<?>> roots = new ArrayList<>();
        for (Record row : rows) {
            int depth = row.get(DEPTH, Integer.class);
            Record record = row.into(relation.target());
            if (Boolean.TRUE.equals(row.get(CYCLE, Boolean.class))) {
                throw new ResultMappingException("Tree " + relation.qualifiedName() + " has a cycle: "
                        + relation.target().getName() + " " + record.get(key.getName()) + " is its own ancestor (via "
                        + parentKey.getName() + "); fix the data, or read a bounded depth with withRecursive(...).");
            }
            if (depth > tree.maxDepth()) {
                throw new ResultMappingException("Tree " + relation.qualifiedName() + " under " + parentRow
                        + " is deeper than withTree(\"" + relation.name() + "\", " + tree.maxDepth() + ") allows ("
                        + relation.target().getName() + " " + record.get(key.getName()) + " is at depth " + depth
                        + "); raise the limit or read fewer levels.");
            }
            List<Node<?>> children = new ArrayList<>();
            childrenOf.put(record.get(key.getName()), children);
            Map<String, Object> relations = new LinkedHashMap<>();
            relations.put(relation.name(), Collections.unmodifiableList(children));
            Node<?> node = new Node(tree.nodeLevel(), record, Map.of(), relations);
            if (depth == 1) {
                roots.add(node);
            } else {
                childrenOf.get(record.get(parentKey.getName())).add(node);
            }
        }
        return Collections.unmodifiableList(roots);
    }
}

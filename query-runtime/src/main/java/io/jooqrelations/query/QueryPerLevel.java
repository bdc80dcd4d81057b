package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The {@link ReadStrategy#QUERY_PER_LEVEL} execution: one query for the top level, then one per relation for all
 * parent rows of the level above ({@code where link = any(?)}), with per-parent limit/offset done by
 * {@code row_number() over (partition by link ...)}; rows are stitched into the same {@link Node} tree.
 */
final class QueryPerLevel {

    private static final String LINK = "qpl_link_";
    private static final String ROW_NUMBER = "qpl_rn";

    private QueryPerLevel() {
    }

    static <R extends Record> List<Node<R>> read(DSLContext dsl, AbstractLevel<R, ?> root, Integer limitOverride) {
        requireSupported(root);
        SelectQuery<Record> query = dsl.selectQuery();
        query.addFrom(root.table);
        ReadCompiler.scopeRoot(query, root);
        projectFlat(query, root);
        ReadCompiler.shape(query, root, limitOverride);
        return decode(dsl, query.fetch(), root);
    }

    private static void requireSupported(AbstractLevel<?, ?> level) {
        if (!level.trees.isEmpty()) {
            throw new InvalidReadException("withTree(...) on " + level.path + " needs ReadStrategy.SINGLE_STATEMENT.");
        }
        level.children.values().forEach(c -> requireSupported(c.level()));
    }

    /**
     * The selected columns, the key columns the next level is looked up by, and the extras; a key column that was not
     * selected is dropped again when decoding.
     */
    private static void projectFlat(SelectQuery<Record> query, AbstractLevel<?, ?> level) {
        Set<String> needed = new HashSet<>();
        level.selectedColumns().forEach(column -> needed.add(column.getName()));
        level.children.values().forEach(child -> child.relation().sourceColumns().forEach(c -> needed.add(c.getName())));
        for (Field<?> column : level.table.fields()) {
            if (needed.contains(column.getName())) {
                query.addSelect(column);
            }
        }
        level.extras.forEach((name, field) -> query.addSelect(field.as(name)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <R extends Record> List<Node<R>> decode(DSLContext dsl, Result<Record> rows, AbstractLevel<R, ?> level) {
        Map<String, Map<List<Object>, List<Node<?>>>> childRows = new LinkedHashMap<>();
        for (Map.Entry<String, AbstractLevel.Child> entry : level.children.entrySet()) {
            Relation relation = entry.getValue().relation();
            Set<List<Object>> keys = new LinkedHashSet<>();
            for (Record row : rows) {
                List<Object> key = key(row, relation.sourceColumns());
                if (!key.contains(null)) {
                    keys.add(key);
                }
            }
            childRows.put(entry.getKey(), keys.isEmpty() ? Map.of() : fetchChildren(dsl, relation, entry.getValue().level(), keys));
        }
        Set<String> selected = new HashSet<>();
        level.selectedColumns().forEach(f -> selected.add(f.getName()));
        List<Node<R>> nodes = new ArrayList<>(rows.size());
        for (Record row : rows) {
            R record = row.into(level.table);
            for (Field<?> f : level.table.fields()) {
                if (!selected.contains(f.getName())) {
                    record.set((Field) f, null);
                }
            }
            record.changed(false);
            Map<String, Object> extras = level.extras.isEmpty() ? Map.of() : new LinkedHashMap<>();
            level.extras.keySet().forEach(name -> extras.put(name, row.get(name)));
            Map<String, Object> relations = level.children.isEmpty() ? Map.of() : new LinkedHashMap<>();
            for (Map.Entry<String, AbstractLevel.Child> entry : level.children.entrySet()) {
                Relation relation = entry.getValue().relation();
                List<Node<?>> children = childRows.get(entry.getKey())
                        .getOrDefault(key(row, relation.sourceColumns()), List.of());
                relations.put(entry.getKey(), relation.kind() == RelationKind.MANY ? Collections.unmodifiableList(children)
                        : children.isEmpty() ? Optional.empty() : Optional.of(children.get(0)));
            }
            nodes.add(new Node<>(level, record, extras, relations));
        }
        return Collections.unmodifiableList(nodes);
    }

    /** The relation's rows for all parents at once, grouped by the parent key they belong to, in the level's order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<List<Object>, List<Node<?>>> fetchChildren(DSLContext dsl, Relation relation, Level<?> level,
            Set<List<Object>> keys) {
        List<? extends TableField<?, ?>> link = relation.junction().isPresent() ? relation.junctionSourceColumns()
                : relation.targetColumns();
        SelectQuery<Record> query = dsl.selectQuery();
        query.addFrom(relation.target());
        relation.junction().ifPresent(junction -> {
            List<Condition> on = new ArrayList<>();
            for (int i = 0; i < relation.targetColumns().size(); i++) {
                on.add(((Field) relation.junctionTargetColumns().get(i)).eq(relation.targetColumns().get(i)));
            }
            query.addJoin(junction, JoinType.JOIN, DSL.and(on));
        });
        projectFlat(query, level);
        List<Field<?>> linkAliases = new ArrayList<>();
        for (int i = 0; i < link.size(); i++) {
            query.addSelect(link.get(i).as(LINK + i));
            linkAliases.add(DSL.field(DSL.name(LINK + i), link.get(i).getDataType()));
        }
        query.addConditions(in(link, keys));
        relation.filter().ifPresent(query::addConditions);
        if (level.scope != null) {
            level.scope.condition(relation.target()).ifPresent(query::addConditions);
            relation.junction().flatMap(level.scope::condition).ifPresent(query::addConditions);
        }
        query.addConditions(level.conditions);

        Integer limit = relation.kind() == RelationKind.ONE ? Integer.valueOf(1) : level.limit;
        Result<Record> rows;
        if (limit == null && level.offset == null) {
            query.addOrderBy(level.orderBy);
            rows = query.fetch();
        } else {
            query.addSelect(DSL.rowNumber().over(DSL.partitionBy(link).orderBy(level.orderBy)).as(ROW_NUMBER));
            Table<Record> numbered = query.asTable("numbered");
            Field<Integer> rn = numbered.field(ROW_NUMBER, Integer.class);
            int from = level.offset == null ? 0 : level.offset;
            Condition window = rn.gt(from);
            if (limit != null) {
                window = window.and(rn.le(from + limit));
            }
            rows = dsl.select(numbered.fields()).from(numbered).where(window).orderBy(rn).fetch();
        }
        List<Node<?>> nodes = (List) decode(dsl, rows, (AbstractLevel) level);
        Map<List<Object>, List<Node<?>>> byParent = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> parent = new ArrayList<>();
            for (Field<?> alias : linkAliases) {
                parent.add(rows.get(i).get(alias.getName()));
            }
            byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(nodes.get(i));
        }
        return byParent;
    }

    /** {@code link = any(?)} with one array bind for a single column; a row-value IN list for a composite key. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition in(List<? extends TableField<?, ?>> link, Set<List<Object>> keys) {
        if (link.size() == 1) {
            Field column = link.get(0);
            Object array = Array.newInstance(column.getType(), keys.size());
            int i = 0;
            for (List<Object> key : keys) {
                Array.set(array, i++, column.getDataType().convert(key.get(0)));
            }
            return column.eq(DSL.any(DSL.val(array, column.getDataType().getArrayDataType())));
        }
        List<org.jooq.RowN> rows = new ArrayList<>();
        for (List<Object> key : keys) {
            rows.add(DSL.row(key.toArray()));
        }
        return DSL.row(link.toArray(Field[]::new)).in(rows);
    }

    private static List<Object> key(Record row, List<? extends TableField<?, ?>> columns) {
        List<Object> key = new ArrayList<>(columns.size());
        for (TableField<?, ?> c : columns) {
            key.add(row.get(c.getName()));
        }
        return key;
    }
}

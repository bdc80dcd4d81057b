package io.jooqrelations.query;

import io.jooqrelations.relations.RelationKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;

/**
 * Turns the flat jOOQ records of a compiled read (nested {@code Result}s from MULTISET, to-ones flattened into their
 * parent's row) into a {@link Node} tree, reading values by their {@link RowLayout} index.
 */
final class NodeDecoder {

    private NodeDecoder() {
    }

    static <R extends Record> List<Node<R>> decode(Result<Record> rows, AbstractLevel<R, ?> level) {
        return decode(rows, RowLayout.of(level));
    }

    static <R extends Record> Node<R> decode(Record row, AbstractLevel<R, ?> level) {
        return decode(row, 0, RowLayout.of(level));
    }

    private static <R extends Record> List<Node<R>> decode(Result<Record> rows, RowLayout layout) {
        List<Node<R>> nodes = new ArrayList<>(rows.size());
        for (Record row : rows) {
            nodes.add(decode(row, 0, layout));
        }
        return Collections.unmodifiableList(nodes);
    }

    /** The node whose values start at {@code base} in {@code row}. */
    @SuppressWarnings("unchecked")
    static <R extends Record> Node<R> decode(Record row, int base, RowLayout layout) {
        AbstractLevel<R, ?> level = (AbstractLevel<R, ?>) layout.level;
        R record = tableRecord(row, base, layout);
        Map<String, Object> extras = level.extras.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (String name : level.extras.keySet()) {
            extras.put(name, row.get(base + layout.slot(name)));
        }
        Map<String, Object> relations = level.children.isEmpty() && level.trees.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (Map.Entry<String, AbstractLevel.Child> entry : level.children.entrySet()) {
            String name = entry.getKey();
            int slot = base + layout.slot(name);
            if (entry.getValue().relation().kind() == RelationKind.MANY) {
                Result<Record> nested = (Result<Record>) row.get(slot);
                relations.put(name, nested == null ? List.of() : decode(nested, layout.child(name)));
            } else if (row.get(slot) == null) {
                requirePresent(entry.getValue(), level.table, record::intoList);
                relations.put(name, Optional.empty());
            } else {
                relations.put(name, Optional.of(decode(row, slot + 1, layout.child(name))));
            }
        }
        for (Map.Entry<String, AbstractLevel.Tree> entry : level.trees.entrySet()) {
            Result<Record> nested = (Result<Record>) row.get(base + layout.slot(entry.getKey()));
            relations.put(entry.getKey(), nested == null ? List.of() : TreeRead.stitch(nested, entry.getValue(), record));
        }
        return new Node<>(level, record, extras, relations);
    }

    /** The level's table record, holding the selected columns (the others stay null). */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R tableRecord(Record row, int base, RowLayout layout) {
        R record = ((Table<R>) layout.level.table).newRecord();
        List<Field<?>> columns = layout.columns;
        for (int i = 0; i < columns.size(); i++) {
            record.set((Field<Object>) columns.get(i), row.get(base + i));
        }
        record.changed(false);
        record.attach(row.configuration());
        return record;
    }

    /**
     * A relation declared {@code optional(false)} found no row: the data breaks the declaration. (Not when the level's
     * own where/limit/offset may have removed the row.)
     */
    static void requirePresent(AbstractLevel.Child child, Table<?> parentTable, Supplier<List<?>> parentValues) {
        if (!child.relation().optional() && child.level().conditions.isEmpty() && child.level().limit == null
                && child.level().offset == null) {
            throw new ResultMappingException("Relation " + child.relation().qualifiedName() + " is declared "
                    + "optional(false), but a " + parentTable.getName() + " row " + parentValues.get()
                    + " has no " + child.relation().target().getName() + " row; fix the data or declare the relation "
                    + "optional.");
        }
    }
}

package io.jooqrelations.query;

import io.jooqrelations.relations.RelationKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;

/** Turns the flat jOOQ records of a compiled read (with nested {@code Result}s from MULTISET) into a {@link Node} tree. */
final class NodeDecoder {

    private NodeDecoder() {
    }

    static <R extends Record> List<Node<R>> decode(Result<Record> rows, AbstractLevel<R, ?> level) {
        List<Node<R>> nodes = new ArrayList<>(rows.size());
        for (Record row : rows) {
            nodes.add(decode(row, level));
        }
        return Collections.unmodifiableList(nodes);
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> Node<R> decode(Record row, AbstractLevel<R, ?> level) {
        Table<R> table = level.table;
        R record = row.into(table);
        Map<String, Object> extras = level.extras.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (String name : level.extras.keySet()) {
            extras.put(name, row.get(name));
        }
        Map<String, Object> relations = level.children.isEmpty() && level.trees.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (Map.Entry<String, AbstractLevel.Tree> entry : level.trees.entrySet()) {
            Result<Record> nested = (Result<Record>) row.get(entry.getKey());
            relations.put(entry.getKey(), nested == null ? List.of() : TreeRead.stitch(nested, entry.getValue(), record));
        }
        for (Map.Entry<String, AbstractLevel.Child> entry : level.children.entrySet()) {
            AbstractLevel.Child child = entry.getValue();
            Result<Record> nested = (Result<Record>) row.get(entry.getKey());
            List<Node<Record>> decoded = nested == null ? List.of() : decode(nested, (AbstractLevel<Record, ?>) child.level());
            if (child.relation().kind() == RelationKind.ONE && decoded.isEmpty() && !child.relation().optional()
                    && child.level().conditions.isEmpty() && child.level().limit == null && child.level().offset == null) {
                throw new ResultMappingException("Relation " + child.relation().qualifiedName() + " is declared "
                        + "optional(false), but a " + table.getName() + " row " + record.intoList()
                        + " has no " + child.relation().target().getName() + " row; fix the data or declare the relation "
                        + "optional.");
            }
            relations.put(entry.getKey(), child.relation().kind() == RelationKind.MANY ? decoded
                    : decoded.isEmpty() ? Optional.empty() : Optional.of(decoded.get(0)));
        }
        return new Node<>(level, record, extras, relations);
    }
}

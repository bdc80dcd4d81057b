package io.jooqrelations.query.internal;

import io.jooqrelations.query.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Turns {@link RowView}s, from whichever back end, into {@link Node} trees. */
public final class NodeDecoder {

    private NodeDecoder() {
    }

    public static <R extends Record> List<Node<R>> decode(List<RowView> rows) {
        List<Node<R>> nodes = new ArrayList<>(rows.size());
        for (RowView row : rows) {
            nodes.add(decode(row));
        }
        return Collections.unmodifiableList(nodes);
    }

    @SuppressWarnings("unchecked")
    public static <R extends Record> Node<R> decode(RowView row) {
        LevelPlan level = row.level();
        R record = ((Table<R>) level.table()).newRecord();
        List<Field<?>> columns = level.columns();
        for (int i = 0; i < columns.size(); i++) {
            record.set((Field<Object>) columns.get(i), row.column(i));
        }
        record.changed(false);
        record.attach(row.configuration());
        Map<String, Object> extras = level.extras().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < level.extras().size(); i++) {
            extras.put(level.extras().get(i).name(), row.extra(i));
        }
        Map<String, Object> relations = level.children().isEmpty() && level.trees().isEmpty() ? Map.of()
                : new LinkedHashMap<>();
        for (int i = 0; i < level.children().size(); i++) {
            LevelPlan.Child child = level.children().get(i);
            if (child.many()) {
                relations.put(child.name(), decode(row.many(i)));
            } else {
                RowView one = row.one(i);
                relations.put(child.name(), one == null ? Optional.empty() : Optional.of(decode(one)));
            }
        }
        for (int i = 0; i < level.trees().size(); i++) {
            relations.put(level.trees().get(i).name(), decode(row.tree(i)));
        }
        return new DefaultNode<>(level, record, Collections.unmodifiableMap(extras), Collections.unmodifiableMap(relations));
    }
}

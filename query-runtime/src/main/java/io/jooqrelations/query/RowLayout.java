package io.jooqrelations.query;

import io.jooqrelations.relations.RelationKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/**
 * Where each part of a level sits in the flat row that {@link ReadCompiler#project} selects for it: the level's
 * columns, then its extras, then one slot per relation in {@code with} order — a to-many's nested result, or for a
 * to-one the presence marker followed by the to-one level's own layout, flattened — then one slot per tree.
 * Decoders read values by these indexes instead of looking fields up by name.
 */
final class RowLayout {

    final AbstractLevel<?, ?> level;
    final List<Field<?>> columns;
    /** Index of each extra, child and tree, by name; for a to-one, the index of its presence marker. */
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    /** The layout of each child: a to-many's nested rows, or a to-one's values right after its marker. */
    private final Map<String, RowLayout> children = new LinkedHashMap<>();
    /** How many values the level occupies in its row. */
    final int width;

    private RowLayout(AbstractLevel<?, ?> level) {
        this.level = level;
        this.columns = level.selectedColumns();
        int index = columns.size();
        for (String extra : level.extras.keySet()) {
            slots.put(extra, index++);
        }
        for (Map.Entry<String, AbstractLevel.Child> entry : level.children.entrySet()) {
            slots.put(entry.getKey(), index++);
            RowLayout child = new RowLayout(entry.getValue().level());
            children.put(entry.getKey(), child);
            if (entry.getValue().relation().kind() == RelationKind.ONE) {
                index += child.width;
            }
        }
        for (String tree : level.trees.keySet()) {
            slots.put(tree, index++);
        }
        this.width = index;
    }

    static RowLayout of(AbstractLevel<?, ?> level) {
        return new RowLayout(level);
    }

    /** The index of an extra, a to-many or tree result, or a to-one's presence marker, relative to the level. */
    int slot(String name) {
        return slots.get(name);
    }

    /** The layout of a child: of each nested row for a to-many, starting at {@code slot(name) + 1} for a to-one. */
    RowLayout child(String name) {
        return children.get(name);
    }
}

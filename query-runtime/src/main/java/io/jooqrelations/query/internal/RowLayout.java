package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.SelectField;

/**
 * Where each part of a level sits in the flat row of a single-statement read: the slot of each selected column, extra,
 * relation and tree, relative to the level's first value. A to-many's slot holds its nested rows; a to-one's slot holds
 * its presence marker, and the to-one level's own values follow it, flattened. Built by {@link MultisetBackend} while
 * it adds the very fields it describes (see {@link Builder}), so positions are never re-derived elsewhere.
 *
 * <p>A nested level wider than PostgreSQL's 100 function arguments travels in chunks (see
 * {@link NestedRows}): slots stay flat, {@link #chunk} says how {@link RowView} finds them.
 */
public final class RowLayout {

    final LevelPlan level;
    final int[] columns;
    final int[] extras;
    final int[] children;
    final RowLayout[] childLayouts;
    final int[] trees;
    /** Per relation: true for a to-one read as at most one nested row (no LATERAL in the dialect), see RowView. */
    final boolean[] nestedOnes;
    /** Values per nested row when the level's rows are chunked, 0 when they are flat. */
    final int chunk;
    /** How the library reads a nested level's rows from their JSON text; null when jOOQ reads them (see NestedJson). */
    final NestedJson.RowDecoder decoder;

    private RowLayout(LevelPlan level, int[] columns, int[] extras, int[] children, RowLayout[] childLayouts,
            int[] trees, boolean[] nestedOnes, int chunk, NestedJson.RowDecoder decoder) {
        this.level = level;
        this.nestedOnes = nestedOnes;
        this.columns = columns;
        this.extras = extras;
        this.children = children;
        this.childLayouts = childLayouts;
        this.trees = trees;
        this.chunk = chunk;
        this.decoder = decoder;
    }

    /** This layout for rows that arrive in chunks of {@code size} values (0: flat). */
    RowLayout chunked(int size) {
        return size == chunk ? this : new RowLayout(level, columns, extras, children, childLayouts, trees, nestedOnes, size,
                decoder);
    }

    /** This layout for rows the library decodes from JSON with {@code rows} (null: jOOQ reads them). */
    RowLayout decodedBy(NestedJson.RowDecoder rows) {
        return new RowLayout(level, columns, extras, children, childLayouts, trees, nestedOnes, chunk, rows);
    }

    public LevelPlan level() {
        return level;
    }

    /**
     * This layout over the levels of {@code level} instead of those it was built for (null: over none, for keeping).
     * For a read of the same shape ({@link ShapeKey}): its plan has the same levels, columns, extras, relations and
     * trees in the same order, so every slot stays where it is, and the rows are read with the read's own plan.
     */
    RowLayout rebind(LevelPlan level) {
        RowLayout[] rebound = new RowLayout[childLayouts.length];
        for (int i = 0; i < rebound.length; i++) {
            rebound[i] = childLayouts[i].rebind(level == null ? null : level.children().get(i).level());
        }
        return new RowLayout(level, columns, extras, children, rebound, trees, nestedOnes, chunk, decoder);
    }

    /**
     * What decides how this layout reads a row, for the render cache's verification mode: the slots, and whether and
     * how each nested level is decoded from JSON.
     */
    List<Object> describe() {
        List<Object> parts = new ArrayList<>();
        parts.add(Arrays.toString(columns) + Arrays.toString(extras) + Arrays.toString(children)
                + Arrays.toString(trees) + Arrays.toString(nestedOnes) + " chunk " + chunk);
        parts.add(decoder == null ? "read by jOOQ" : decoder.describe());
        for (RowLayout child : childLayouts) {
            parts.add(child.describe());
        }
        return parts;
    }

    /**
     * Records slots as a back end adds fields to a select list: each call takes the slot the next field gets, so the
     * layout is exactly the order in which the fields were added.
     */
    static final class Builder {

        private final LevelPlan level;
        private final List<? extends SelectField<?>> select;
        private final int start;
        final int[] columns;
        final int[] extras;
        final int[] children;
        final RowLayout[] childLayouts;
        final int[] trees;
        final boolean[] nestedOnes;

        /** A level whose values start at the current end of {@code select}, the live select list being built. */
        Builder(LevelPlan level, List<? extends SelectField<?>> select) {
            this.level = level;
            this.select = select;
            this.start = select.size();
            this.columns = new int[level.columns().size()];
            this.extras = new int[level.extras().size()];
            this.children = new int[level.children().size()];
            this.childLayouts = new RowLayout[level.children().size()];
            this.trees = new int[level.trees().size()];
            this.nestedOnes = new boolean[level.children().size()];
        }

        private int next() {
            return select.size() - start;
        }

        /** Call right before adding the {@code i}-th column. */
        void column(int i) {
            columns[i] = next();
        }

        void extra(int i) {
            extras[i] = next();
        }

        /** Call right before adding a to-many's nested rows, or a to-one's presence marker. */
        void child(int i) {
            children[i] = next();
        }

        /** The layout of the child's own values (nested rows of a to-many, or the values after a to-one's marker). */
        void childLayout(int i, RowLayout layout) {
            childLayouts[i] = layout;
        }

        /** The {@code i}-th relation, a to-one, is read as at most one nested row instead of joined. */
        void nestedOne(int i) {
            nestedOnes[i] = true;
        }

        void tree(int i) {
            trees[i] = next();
        }

        RowLayout build() {
            return new RowLayout(level, columns, extras, children, childLayouts, trees, nestedOnes, 0, null);
        }
    }
}

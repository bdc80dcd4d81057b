package io.jooqrelations.query.internal;

import io.jooqrelations.query.ReadDataException;
import java.util.AbstractList;
import java.util.List;
import java.util.StringJoiner;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * One row of one level as a back end returns it, whatever its physical shape: values by position in the level's
 * {@link LevelPlan} (column {@code i}, extra {@code i}, relation {@code i}, tree {@code i}). The one
 * {@link NodeDecoder} and the one {@link RecordMapper} read rows only through this class, so the rules a row must meet
 * (a required to-one is present) are checked here, once, for every back end.
 */
public abstract class RowView {

    /** The level this row belongs to. */
    public abstract LevelPlan level();

    /** The value of the {@code i}-th selected column. */
    public abstract Object column(int i);

    /** The value of the {@code i}-th extra. */
    public abstract Object extra(int i);

    /** The rows of the {@code i}-th relation, a to-many. */
    public abstract List<RowView> many(int i);

    /** The row of the {@code i}-th relation, a to-one, or null when there is none. */
    abstract RowView oneOrNull(int i);

    /** The root nodes of the {@code i}-th tree. */
    public abstract List<RowView> tree(int i);

    /** The configuration the row was fetched with (records are attached to it). */
    public abstract Configuration configuration();

    /**
     * The row of the {@code i}-th relation, a to-one, or null when there is none; a relation declared
     * {@code optional(false)} without a row is a {@link ReadDataException}.
     */
    public final RowView one(int i) {
        RowView row = oneOrNull(i);
        LevelPlan.Child child = level().children().get(i);
        if (row == null && child.required()) {
            throw missingRequired(child, level(), describe());
        }
        return row;
    }

    /** The message of a required to-one without a row, given how the parent row is described. */
    static ReadDataException missingRequired(LevelPlan.Child child, LevelPlan parent, String parentRow) {
        return new ReadDataException(missingRequiredBefore(child, parent) + parentRow + missingRequiredAfter(child));
    }

    /** That message up to the description of the parent row (the JSON back end builds the rest in SQL). */
    static String missingRequiredBefore(LevelPlan.Child child, LevelPlan parent) {
        return "Relation " + child.relation().qualifiedName() + " is declared optional(false), but the "
                + parent.table().getName() + " row ";
    }

    /** That message after the description of the parent row. */
    static String missingRequiredAfter(LevelPlan.Child child) {
        return " has no " + child.relation().target().getName() + " row; fix the data or declare the relation optional.";
    }

    /** The row of a to-one read as nested rows (at most one, by its policy), or null. */
    static RowView first(List<RowView> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The row's selected columns, as {@code {id=7, number=A-1}}, for messages. */
    final String describe() {
        StringJoiner values = new StringJoiner(", ", "{", "}");
        List<Field<?>> columns = level().columns();
        for (int i = 0; i < columns.size(); i++) {
            values.add(columns.get(i).getName() + "=" + column(i));
        }
        return values.toString();
    }

    /**
     * The rows of {@code result}, each a level laid out by {@code layout}: a view, whose elements are made when read
     * (mapping reads each once), so a nested level costs no copy of its rows.
     */
    static List<RowView> rows(List<? extends Record> result, RowLayout layout) {
        return new AbstractList<>() {
            @Override
            public RowView get(int index) {
                return new Flat(result.get(index), 0, layout, layout.chunk);
            }

            @Override
            public int size() {
                return result.size();
            }
        };
    }

    /**
     * A level's values inside a row of the single statement, by its {@link RowLayout}; {@code chunk} is the row's own
     * (a to-one's values sit in its parent's row, chunked or not like it).
     */
    static final class Flat extends RowView {

        private final Record row;
        private final int base;
        private final RowLayout layout;
        private final int chunk;

        Flat(Record row, int base, RowLayout layout) {
            this(row, base, layout, 0);
        }

        private Flat(Record row, int base, RowLayout layout, int chunk) {
            this.row = row;
            this.base = base;
            this.layout = layout;
            this.chunk = chunk;
        }

        private Object value(int slot) {
            return NestedRows.value(row, slot, chunk);
        }

        @Override
        public LevelPlan level() {
            return layout.level;
        }

        @Override
        public Object column(int i) {
            return value(base + layout.columns[i]);
        }

        @Override
        public Object extra(int i) {
            return value(base + layout.extras[i]);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<RowView> many(int i) {
            Object nested = value(base + layout.children[i]);
            if (nested instanceof org.jooq.JSON json) {
                RowLayout child = layout.childLayouts[i];
                return Decoded.rows(child.decoder.rows(json.data()), child, row.configuration());
            }
            Result<Record> records = (Result<Record>) nested;
            return records == null || records.isEmpty() ? List.of() : rows(records, layout.childLayouts[i]);
        }

        @Override
        RowView oneOrNull(int i) {
            if (layout.nestedOnes[i]) {
                return first(many(i));
            }
            int marker = base + layout.children[i];
            return value(marker) == null ? null : new Flat(row, marker + 1, layout.childLayouts[i], chunk);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<RowView> tree(int i) {
            Result<Record> nested = (Result<Record>) value(base + layout.trees[i]);
            return nested == null ? List.of() : TreeSql.stitch(nested, layout.level.trees().get(i), this);
        }

        @Override
        public Configuration configuration() {
            return row.configuration();
        }
    }

    /** A level's values inside a nested row the library decoded from JSON ({@link NestedJson}), by its layout. */
    static final class Decoded extends RowView {

        private final Object[] values;
        private final int base;
        private final RowLayout layout;
        private final Configuration configuration;

        private Decoded(Object[] values, int base, RowLayout layout, Configuration configuration) {
            this.values = values;
            this.base = base;
            this.layout = layout;
            this.configuration = configuration;
        }

        /** The decoded rows of a level, as views made when read. */
        static List<RowView> rows(List<Object[]> rows, RowLayout layout, Configuration configuration) {
            if (rows.isEmpty()) {
                return List.of();
            }
            return new AbstractList<>() {
                @Override
                public RowView get(int index) {
                    return new Decoded(rows.get(index), 0, layout, configuration);
                }

                @Override
                public int size() {
                    return rows.size();
                }
            };
        }

        @Override
        public LevelPlan level() {
            return layout.level;
        }

        @Override
        public Object column(int i) {
            return values[base + layout.columns[i]];
        }

        @Override
        public Object extra(int i) {
            return values[base + layout.extras[i]];
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<RowView> many(int i) {
            List<Object[]> nested = (List<Object[]>) values[base + layout.children[i]];
            return nested == null ? List.of() : rows(nested, layout.childLayouts[i], configuration);
        }

        @Override
        RowView oneOrNull(int i) {
            if (layout.nestedOnes[i]) {
                return first(many(i));
            }
            int marker = base + layout.children[i];
            return values[marker] == null ? null : new Decoded(values, marker + 1, layout.childLayouts[i], configuration);
        }

        @Override
        public List<RowView> tree(int i) {
            throw new IllegalStateException("a level with trees is read by jOOQ, not decoded (see NestedJson)");
        }

        @Override
        public Configuration configuration() {
            return configuration;
        }
    }
}

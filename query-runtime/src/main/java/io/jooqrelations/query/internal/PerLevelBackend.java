package io.jooqrelations.query.internal;

import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.RowN;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * The query-per-level back end: one query for the top level, then one per relation for all parent rows of the level
 * above ({@code where link = any(?)}), each relation walked through the same {@link Join} as in the single statement.
 * A limit or offset per parent (and a to-one's {@link RowPolicy#FIRST_ONLY}) is a
 * {@code row_number() over (partition by link ...)} window. Rows are handed over as {@link RowView}s, so decoding,
 * mapping and the required-relation rule are the single statement's.
 *
 * <p>All queries of a read see one snapshot, as the single statement does: inside the caller's transaction they share
 * its connection (and its isolation level); with auto-commit on they run in a {@code REPEATABLE READ READ ONLY}
 * transaction of their own on one connection — on PostgreSQL started and committed in SQL, elsewhere through the
 * connection's settings, which the read restores afterwards. A read of one level is one query and needs neither.
 */
public final class PerLevelBackend {

    /**
     * Bind values one batch of keys may take: under SQLite's default limit (32 766) and PostgreSQL's and MariaDB's
     * (65 535), with room for the level's own conditions.
     */
    static final int MAX_BOUND_KEY_VALUES = 30_000;

    private PerLevelBackend() {
    }

    /** Where a level's values sit in the rows of its query. */
    private record Positions(int[] columns, int[] extras, int[][] parentKeys) {
    }

    /** The back end: the top-level rows with all their relations, a query per level. */
    public static final ReadBackend<List<RowView>> ROWS = new ReadBackend<>() {
        @Override
        public List<RowView> read(LevelPlan plan, ReadExecutor executor) {
            return fetch(executor, plan);
        }

        @Override
        public ReadBackend.Statement<List<RowView>> compile(LevelPlan plan, DSLContext dsl) {
            return null;
        }
    };

    /** The top-level rows with all their relations (the top level's limit and seek values are the plan's). */
    private static List<RowView> fetch(ReadExecutor executor, LevelPlan root) {
        DSLContext dsl = executor.dsl();
        if (root.children().isEmpty()) {
            return fetchLevels(executor, dsl, root);
        }
        return dsl.connectionResult(connection -> {
            DSLContext pinned = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
            if (!connection.getAutoCommit()) {
                return fetchLevels(executor, pinned, root);
            }
            return inSnapshot(connection, DialectSupport.of(dsl.dialect()),
                    () -> fetchLevels(executor, pinned, root));
        });
    }

    /**
     * Runs {@code read} in a {@code REPEATABLE READ READ ONLY} transaction on {@code connection} (in auto-commit mode
     * now), and leaves the connection as it found it, whatever happens. On SQLite, whose transactions are serializable
     * and whose driver fixes read-only when it connects, a plain transaction is the snapshot.
     */
    private static <T> T inSnapshot(Connection connection, DialectSupport dialect, SnapshotRead<T> read)
            throws SQLException {
        if (dialect.startsSnapshotInSql()) {
            return inSnapshotTransaction(connection, read);
        }
        boolean snapshotIsolation = dialect.setsSnapshotIsolation();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            if (snapshotIsolation) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
            }
            T result = read.run();
            connection.commit();
            committed = true;
            return result;
        } finally {
            try {
                if (!committed) {
                    connection.rollback();
                }
            } finally {
                connection.setAutoCommit(true);
                if (snapshotIsolation) {
                    connection.setReadOnly(readOnly);
                    connection.setTransactionIsolation(isolation);
                }
            }
        }
    }

    /**
     * PostgreSQL: the transaction started and ended in SQL, which leaves the connection's session settings alone and
     * takes two round trips (the JDBC way — read the isolation level, set it and read-only, commit, restore both — takes
     * six: about 4 % of a bulk read of 5 000 invoices, sampled).
     */
    private static <T> T inSnapshotTransaction(Connection connection, SnapshotRead<T> read) throws SQLException {
        try (java.sql.Statement begin = connection.createStatement()) {
            begin.execute("start transaction isolation level repeatable read, read only");
        }
        boolean committed = false;
        try {
            T result = read.run();
            try (java.sql.Statement commit = connection.createStatement()) {
                commit.execute("commit");
            }
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try (java.sql.Statement rollback = connection.createStatement()) {
                    rollback.execute("rollback");
                }
            }
        }
    }

    /** A read inside {@link #inSnapshot}. */
    @FunctionalInterface
    private interface SnapshotRead<T> {
        T run();
    }

    private static List<RowView> fetchLevels(ReadExecutor executor, DSLContext dsl, LevelPlan root) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addFrom(root.table());
        query.addConditions(root.rootFilters());
        Positions positions = project(new Projection(query, false), root);
        MultisetBackend.shape(query, root, root.limit());
        if (!root.seekAfter().isEmpty()) {
            query.addSeekAfter(root.seekAfter());
        }
        List<PerLevelRow> rows = rows(executor.fetch(dsl, query, root.path()), root, positions);
        attachChildren(executor, dsl, root, rows, positions);
        return Collections.unmodifiableList(rows);
    }

    /** The selected columns, the extras, and the parent key columns each relation is looked up by. */
    private static Positions project(Projection select, LevelPlan level) {
        int[] columns = new int[level.columns().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = select.size();
            select.add(level.columns().get(i));
        }
        int[] extras = new int[level.extras().size()];
        for (int i = 0; i < extras.length; i++) {
            extras[i] = select.size();
            select.add(level.extras().get(i).field(), level.extras().get(i).name());
        }
        int[][] parentKeys = new int[level.children().size()][];
        for (int i = 0; i < parentKeys.length; i++) {
            List<TableField<?, ?>> source = level.children().get(i).relation().sourceColumns();
            parentKeys[i] = new int[source.size()];
            for (int k = 0; k < source.size(); k++) {
                int selected = level.columnIndex(source.get(k));
                if (selected >= 0) {
                    parentKeys[i][k] = columns[selected];
                } else {
                    parentKeys[i][k] = select.size();
                    select.add(source.get(k));
                }
            }
        }
        return new Positions(columns, extras, parentKeys);
    }

    private static List<PerLevelRow> rows(Result<Record> result, LevelPlan level, Positions positions) {
        List<PerLevelRow> rows = new ArrayList<>(result.size());
        for (Record record : result) {
            rows.add(new PerLevelRow(level, record, positions));
        }
        return rows;
    }

    private static void attachChildren(ReadExecutor executor, DSLContext dsl, LevelPlan level, List<PerLevelRow> parents, Positions positions) {
        for (int i = 0; i < level.children().size(); i++) {
            LevelPlan.Child child = level.children().get(i);
            Set<Object> keys = new LinkedHashSet<>();
            for (PerLevelRow parent : parents) {
                Object key = parent.key(positions.parentKeys()[i]);
                if (key != null) {
                    keys.add(key);
                }
            }
            Map<Object, List<RowView>> byParent = fetchChildren(executor, dsl, child, keys);
            for (PerLevelRow parent : parents) {
                Object key = parent.key(positions.parentKeys()[i]);
                List<RowView> rows = key == null ? List.of() : byParent.getOrDefault(key, List.of());
                parent.children[i] = child.many() ? Collections.unmodifiableList(rows)
                        : rows.isEmpty() ? null : rows.get(0);
            }
        }
    }

    /**
     * The relation's rows for all parents, grouped by the parent key they belong to, in the level's order: one query,
     * or — when the keys are bound as a list and would pass the dialect's limit on bind values — one per batch of keys
     * (each parent's rows are in one batch, so its window and order are unchanged).
     */
    private static Map<Object, List<RowView>> fetchChildren(ReadExecutor executor, DSLContext dsl, LevelPlan.Child child, Set<Object> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<TableField<?, ?>> link = child.join().linkColumns();
        boolean array = link.size() == 1 && DialectSupport.of(dsl.dialect()).arrayKeys();
        int batch = array ? Integer.MAX_VALUE : MAX_BOUND_KEY_VALUES / link.size();
        if (keys.size() <= batch) {
            return fetchBatch(executor, dsl, child, in(link, keys, array));
        }
        Map<Object, List<RowView>> all = new LinkedHashMap<>();
        List<Object> pending = new ArrayList<>(keys);
        for (int from = 0; from < pending.size(); from += batch) {
            Set<Object> part = new LinkedHashSet<>(pending.subList(from, Math.min(from + batch, pending.size())));
            all.putAll(fetchBatch(executor, dsl, child, in(link, part, false)));
        }
        return all;
    }

    /** The relation's rows for the parents whose keys {@code keys} matches. */
    private static Map<Object, List<RowView>> fetchBatch(ReadExecutor executor, DSLContext dsl, LevelPlan.Child child, Condition keys) {
        LevelPlan level = child.level();
        List<TableField<?, ?>> link = child.join().linkColumns();
        SelectQuery<Record> query = child.join().batched(keys);
        query.addConditions(level.conditions());
        Integer limit = child.limit();
        boolean windowed = child.windowed();
        Projection select = new Projection(query, windowed);
        Positions positions = project(select, level);
        int[] linkPositions = new int[link.size()];
        for (int k = 0; k < link.size(); k++) {
            linkPositions[k] = select.size();
            select.add(link.get(k));
        }
        Result<Record> result;
        if (!windowed) {
            // the link first: the rows are grouped by parent anyway, and an index that leads with the link (the usual
            // foreign key index) then delivers them in order, without sorting the whole batch
            query.addOrderBy(link);
            query.addOrderBy(level.orderBy());
            result = executor.fetch(dsl, query, level.path());
        } else {
            int rowNumber = select.size();
            select.add(DSL.rowNumber().over(DSL.partitionBy(link).orderBy(level.orderBy())));
            Table<Record> numbered = query.asTable(Aliases.table("numbered", level.graph()));
            Field<Integer> rn = numbered.field(rowNumber).coerce(Integer.class);
            int from = level.offset() == null ? 0 : level.offset();
            Condition window = rn.gt(DSL.inline(from));
            if (limit != null) {
                window = window.and(rn.le(DSL.inline(from + limit)));
            }
            org.jooq.Select<Record> windowedQuery = dsl.select(numbered.fields()).from(numbered).where(window).orderBy(rn);
            result = executor.fetch(dsl, windowedQuery, level.path());
        }
        List<PerLevelRow> rows = rows(result, level, positions);
        attachChildren(executor, dsl, level, rows, positions);
        Map<Object, List<RowView>> byParent = new LinkedHashMap<>();
        // rows of one parent mostly come one after the other (always, unless windowed): look the map up per run of
        // rows, not per row
        Object runKey = null;
        List<RowView> run = null;
        for (PerLevelRow row : rows) {
            Object key = row.key(linkPositions);
            if (run == null || !java.util.Objects.equals(key, runKey)) {
                runKey = key;
                run = byParent.computeIfAbsent(key, k -> new ArrayList<>());
            }
            run.add(row);
        }
        return byParent;
    }

    /**
     * {@code link = any(?)} with one array bind ({@code asArray}: a single column on PostgreSQL); otherwise an
     * {@code in (...)} list, of row values for a composite key.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition in(List<TableField<?, ?>> link, Set<Object> keys, boolean asArray) {
        if (asArray) {
            Field column = link.get(0);
            Object array = Array.newInstance(column.getType(), keys.size());
            int i = 0;
            for (Object key : keys) {
                Array.set(array, i++, column.getDataType().convert(key));
            }
            return column.eq(DSL.any(DSL.val(array, column.getDataType().getArrayDataType())));
        }
        if (link.size() == 1) {
            return ((Field) link.get(0)).in(keys);
        }
        List<RowN> rows = new ArrayList<>();
        for (Object key : keys) {
            rows.add(DSL.row(((List<?>) key).toArray()));
        }
        return DSL.row(link.toArray(Field[]::new)).in(rows);
    }

    /** A row of one level's query, with the relations attached once their queries ran. */
    private static final class PerLevelRow extends RowView {

        private final LevelPlan level;
        private final Record record;
        private final Positions positions;
        /** Per relation: a {@code List<RowView>} for a to-many, the {@link RowView} or null for a to-one. */
        final Object[] children;

        PerLevelRow(LevelPlan level, Record record, Positions positions) {
            this.level = level;
            this.record = record;
            this.positions = positions;
            this.children = new Object[level.children().size()];
        }

        /**
         * The key at {@code at}: the value itself for a key of one column (no list to hash per row), a list of the
         * values for a composite key; null when any of them is null (such a row has no related rows).
         */
        Object key(int[] at) {
            if (at.length == 1) {
                return record.get(at[0]);
            }
            List<Object> values = new ArrayList<>(at.length);
            for (int position : at) {
                Object value = record.get(position);
                if (value == null) {
                    return null;
                }
                values.add(value);
            }
            return values;
        }

        @Override
        public LevelPlan level() {
            return level;
        }

        @Override
        public Object column(int i) {
            return record.get(positions.columns()[i]);
        }

        @Override
        public Object extra(int i) {
            return record.get(positions.extras()[i]);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<RowView> many(int i) {
            return (List<RowView>) children[i];
        }

        @Override
        RowView oneOrNull(int i) {
            return (RowView) children[i];
        }

        @Override
        public List<RowView> tree(int i) {
            throw new IndexOutOfBoundsException("per-level reads have no trees");
        }

        @Override
        public Configuration configuration() {
            return record.configuration();
        }
    }
}

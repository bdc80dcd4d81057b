package io.jooqrelations.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.CamelCase;
import io.jooqrelations.relations.internal.TableNames;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The engine of the differential tests, the correctness oracle of nested reads: seeded random read shapes over a
 * graph, and each read's result compared with a deliberately simple reference loader that runs one plain query per
 * relation per row (no MULTISET, no correlation: the parent's key values are bound as literals) and applies relation
 * filters, offset and limit in Java. The data is the caller's (see {@link RandomizedReadsTest} and
 * {@link RealWorldRandomizedReadsTest}).
 *
 * <p>Every read is compared through every back end: its {@link Node} tree from the single statement
 * ({@code findMany}/{@code findFirst}, exactly one statement), its JSON ({@code findManyJson}/{@code findFirstJson},
 * exactly one statement) and its {@link Node} tree from {@link ReadStrategy#QUERY_PER_LEVEL}.
 *
 * <p>Runs {@value #DEFAULT_CASES} shapes by default. More: {@code -Drandomized.cases=5000}; another data and shape
 * seed: {@code -Drandomized.seed=42}; a single case of a failure report: {@code -Drandomized.seed=S
 * -Drandomized.only=I}.
 *
 * <p>Bugs this test found and that are now fixed (so the shapes cover them again): {@code findFirst()} replacing a
 * {@code limit(0)} by 1; {@code limit}/{@code offset} ignored on to-one levels; {@code offset} on a required to-one
 * blamed on the data.
 */
final class DifferentialReads {

    static final int DEFAULT_CASES = 300;
    private static final int MAX_REPORTED_FAILURES = 5;
    private static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES);

    static final long SEED = Long.getLong("randomized.seed", 20260125L);
    private static final int CASES = Integer.getInteger("randomized.cases", DEFAULT_CASES);
    private static final Integer ONLY = Integer.getInteger("randomized.only");

    private final String label;
    private final MigratedDatabase db;
    private final Relations graph;
    /** The tables reads start from; a table listed twice is picked twice as often. */
    private final List<Table<?>> roots;
    private final NestedReads reads;
    /** Distinct values of every column (including null when present), to build conditions that sometimes match. */
    private final Map<String, List<Object>> values = new HashMap<>();
    /** What the database's dialect runs in one statement: reads it refuses are checked with QUERY_PER_LEVEL only. */
    private final io.jooqrelations.query.internal.DialectSupport dialect;
    /** Cases whose single statement the dialect refused (never on PostgreSQL, which runs every shape). */
    private int refused;
    /** The reference loader's queries, by their inlined SQL: data never changes during a run, so this is safe. */
    private final Map<String, List<Record>> referenceCache = new HashMap<>();

    /** Reads {@code db}'s data (already loaded) through {@code graph}, starting from {@code roots}. */
    DifferentialReads(String label, MigratedDatabase db, Relations graph, List<Table<?>> roots) {
        this.label = label;
        this.db = db;
        this.graph = graph;
        this.roots = roots;
        this.reads = NestedReads.using(db.dsl(), graph);
        this.dialect = io.jooqrelations.query.internal.DialectSupport.of(db.dialect());
        for (Table<?> table : graph.tables()) {
            for (Field<?> f : table.fields()) {
                values.put(key(f), new ArrayList<>(db.dsl().selectDistinct(f).from(table).fetch(0)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ the test

    /** Runs the cases and fails with the first differences found, each with the seed and index to rerun it. */
    void run() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> stats = new java.util.TreeMap<>();
        int failed = 0;
        int nonEmpty = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            if (ONLY != null && ONLY != i) {
                continue;
            }
            Random random = new Random(SEED * 1_000_003L + i);
            LevelSpec shape = randomShape(random);
            boolean first = shape.ordered() && random.nextInt(6) == 0;
            JsonKeys keys = random.nextInt(4) == 0 ? JsonKeys.COLUMN_NAMES : JsonKeys.CAMEL_CASE;
            JoinShape joinShape = randomJoinShape(random);
            stats.merge("joinShape " + joinShape, 1, Integer::sum);
            count(stats, shape, 0);
            String problem;
            try {
                problem = check(shape, first, keys, joinShape);
                if (problem == null && hasRows(shape, first)) {
                    nonEmpty++;
                }
            } catch (RuntimeException | AssertionError e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                problem = "threw " + trace.toString().lines().limit(12).collect(Collectors.joining("\n    "));
            }
            if (problem != null) {
                failed++;
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    failures.add(report(i, shape, first, problem) + "\n  joinShape: " + joinShape);
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int failedCount = failed;
        System.out.printf("%s: seed %d, %d cases (%d with rows), %d failed, %d reference queries, %d ms%n",
                label, SEED, ONLY != null ? 1 : CASES, nonEmpty, failed, referenceCache.size(), millis);
        System.out.println(label + " coverage (levels/filters using each feature): " + stats);
        System.out.printf("%s on %s: %d of %d single statements refused by the dialect (checked per level only)%n",
                label, dialect, refused, CASES);
        assertThat(failures)
                .withFailMessage(() -> failedCount + " of " + (ONLY != null ? 1 : CASES) + " random reads differ from the "
                        + "reference loader (seed " + SEED + "); the first ones:\n\n" + String.join("\n\n", failures))
                .isEmpty();
        if (ONLY == null) {
            assertThat(nonEmpty).as("most shapes should read some rows, or the comparison proves little")
                    .isGreaterThan(CASES / 3);
            assertThat(refused).as("most shapes should run as one statement on " + dialect + ", or the comparison "
                    + "proves little about it").isLessThan(CASES / 2);
        }
    }

    /**
     * The library's own JSON decoder of nested rows against jOOQ's reading of them: the same random reads, rendered
     * on their own ({@link NestedReads#withoutRenderCache()}), decoded both ways (each join shape: the grouped one
     * decodes its aggregate too) and compared value by value. On dialects where the decoder never runs both ways are
     * jOOQ's, and the comparison is trivially equal.
     */
    void compareDecoders() {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        NestedReads uncached = reads.withoutRenderCache();
        for (int i = 0; i < CASES; i++) {
            if (ONLY != null && ONLY != i) {
                continue;
            }
            Random random = new Random(SEED * 1_000_003L + i);
            LevelSpec shape = randomShape(random);
            JoinShape chosen = randomJoinShape(random);
            String problem;
            try {
                List<Map<String, Object>> decoded = normalizeAll(build(uncached, shape).joinShape(chosen).findMany(), shape);
                List<Map<String, Object>> byJooq = io.jooqrelations.query.internal.MultisetBackend.withNestedRowsReadByJooq(
                        () -> normalizeAll(build(uncached, shape).joinShape(chosen).findMany(), shape));
                problem = diff("$", byJooq, decoded);
            } catch (InvalidReadException e) {
                if (!refusedByTheDialect(e)) {
                    throw e;
                }
                problem = null;   // refused on this dialect: DialectSupportTest's
            }
            if (problem != null) {
                failed++;
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    failures.add(report(i, shape, false, "decoded differently than jOOQ reads it: " + problem)
                            + "\n  joinShape: " + chosen);
                }
            }
        }
        int failedCount = failed;
        System.out.printf("%s decoders: seed %d, %d cases, %d failed%n", label, SEED, ONLY != null ? 1 : CASES, failed);
        assertThat(failures).withFailMessage(() -> failedCount + " random reads decode their nested rows differently "
                + "than jOOQ (seed " + SEED + "); the first ones:\n\n" + String.join("\n\n", failures)).isEmpty();
    }

    /** A join shape for a case; GROUPED where the dialect has none is AUTO (the same random stream on every dialect). */
    private JoinShape randomJoinShape(Random random) {
        JoinShape joinShape = JoinShape.values()[random.nextInt(JoinShape.values().length)];
        return joinShape == JoinShape.GROUPED
                && !dialect.supports(io.jooqrelations.query.internal.DialectSupport.Feature.GROUPED)
                ? JoinShape.AUTO : joinShape;
    }

    /** Whether {@code e} is the dialect's refusal of the read (never on PostgreSQL, which runs every shape). */
    private boolean refusedByTheDialect(InvalidReadException e) {
        return dialect.family() != org.jooq.SQLDialect.POSTGRES
                && e.getMessage().contains(" is not supported on " + dialect.displayName() + " (");
    }

    private List<Map<String, Object>> normalizeAll(List<? extends Node<?>> nodes, LevelSpec shape) {
        List<Map<String, Object>> rows = new ArrayList<>();
        nodes.forEach(n -> rows.add(normalize(n, shape)));
        sortIfUnordered(shape, rows);
        return rows;
    }

    /** Counts what a shape exercises, so a run shows that every relation and option is covered. */
    private void count(Map<String, Integer> stats, LevelSpec spec, int depth) {
        stats.merge(spec.relation == null ? "from " + TableNames.displayName(spec.table) : "with " + spec.relation.qualifiedName(), 1,
                Integer::sum);
        stats.merge("depth " + depth, 1, Integer::sum);
        if (!spec.where.isEmpty()) {
            stats.merge("where", 1, Integer::sum);
        }
        if (spec.ordered()) {
            stats.merge("orderBy", 1, Integer::sum);
        }
        if (spec.limit != null) {
            stats.merge("limit", 1, Integer::sum);
        }
        if (spec.offset != null) {
            stats.merge("offset", 1, Integer::sum);
        }
        if (spec.columns != null || !spec.omit.isEmpty()) {
            stats.merge("columns/omit", 1, Integer::sum);
        }
        if (!spec.extras.isEmpty()) {
            stats.merge("extra", 1, Integer::sum);
        }
        spec.has.forEach(h -> countHas(stats, h));
        spec.children.values().forEach(c -> count(stats, c, depth + 1));
    }

    private void countHas(Map<String, Integer> stats, HasSpec h) {
        stats.merge((h.exists() ? "whereHas " : "whereHasNo ") + h.relation().qualifiedName(), 1, Integer::sum);
        h.nested().forEach(n -> countHas(stats, n));
    }

    private String report(int index, LevelSpec shape, boolean first, String problem) {
        String sql;
        try {
            sql = build(shape).toInlinedSQL();
        } catch (RuntimeException e) {
            sql = "(toInlinedSQL threw " + e + ")";
        }
        return "case " + index + " (rerun with -Drandomized.seed=" + SEED + " -Drandomized.only=" + index + "):\n  "
                + "reads." + shape.describe() + (first ? ".findFirst()" : ".findMany()") + "\n  problem: " + problem
                + "\n  SQL: " + sql;
    }

    /** Runs the read as nodes and as JSON; {@code null} when both match the reference, else what differs. */
    private String check(LevelSpec shape, boolean first, JsonKeys keys, JoinShape joinShape) {
        List<Map<String, Object>> expected = referenceTop(shape, first);

        String diff = checkSingleStatement(shape, first, joinShape, expected);
        if (diff != null) {
            return diff;
        }

        List<? extends Node<?>> perLevel;
        try {
            perLevel = first
                    ? build(shape).strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst().map(List::of).orElse(List.of())
                    : build(shape).strategy(ReadStrategy.QUERY_PER_LEVEL).findMany();
        } catch (InvalidReadException e) {
            if (!refusedByTheDialect(e)) {
                throw e;
            }
            return null;   // refused on both strategies (a self-referential filter), counted by the single statement
        }
        List<Map<String, Object>> perLevelActual = new ArrayList<>();
        for (Node<?> n : perLevel) {
            perLevelActual.add(normalize(n, shape));
        }
        sortIfUnordered(shape, perLevelActual);
        diff = diff("$", expected, perLevelActual);
        if (diff != null) {
            return "query per level: " + diff;
        }

        db.counter().reset();
        Read<?> jsonRead = build(reads.withJsonKeys(keys), shape);
        String json;
        try {
            json = first ? jsonRead.findFirstJson().orElse(null) : jsonRead.findManyJson();
        } catch (InvalidReadException e) {
            if (!refusedByTheDialect(e)) {
                throw e;
            }
            return null;   // the same refusal as the single statement's, which counted it
        }
        if (db.counter().count() != 1) {
            return "json: " + db.counter().count() + " statements instead of 1: " + db.counter().statements();
        }
        List<Map<String, Object>> jsonExpected = new ArrayList<>();
        expected.forEach(row -> jsonExpected.add(toJsonShape(shape, row, keys)));
        List<Map<String, Object>> jsonActual = new ArrayList<>();
        Object parsed = json == null ? List.of() : new Json(json).parse();
        if (first && parsed instanceof Map<?, ?>) {
            parsed = List.of(parsed);
        }
        for (Object o : (List<?>) parsed) {
            jsonActual.add(fromJson(shape, (Map<?, ?>) o, keys));
        }
        sortJsonIfUnordered(shape, jsonActual, keys);
        diff = diff("$", jsonExpected, jsonActual);
        return diff == null ? null : "json: " + diff + "\n  JSON: " + abbreviate(json, 3000);
    }

    /**
     * The typed single statement against the reference; null when equal. A shape the dialect cannot write in one
     * statement must be refused when the read is built, with the dialect's message — and is then counted, not compared.
     */
    private String checkSingleStatement(LevelSpec shape, boolean first, JoinShape joinShape,
            List<Map<String, Object>> expected) {
        db.counter().reset();
        List<? extends Node<?>> nodes;
        try {
            Read<?> read = build(shape).joinShape(joinShape);
            nodes = first ? read.findFirst().map(List::of).orElse(List.of()) : read.findMany();
        } catch (InvalidReadException e) {
            if (!refusedByTheDialect(e)) {
                throw e;
            }
            if (db.counter().count() != 0) {
                return "refused after " + db.counter().count() + " statements: " + e.getMessage();
            }
            refused++;
            return null;
        }
        if (db.counter().count() != 1) {
            return "nodes: " + db.counter().count() + " statements instead of 1: " + db.counter().statements();
        }
        List<Map<String, Object>> actual = new ArrayList<>();
        for (Node<?> n : nodes) {
            actual.add(normalize(n, shape));
        }
        sortIfUnordered(shape, actual);
        String diff = diff("$", expected, actual);
        return diff == null ? null : "nodes: " + diff;
    }

    private boolean hasRows(LevelSpec shape, boolean first) {
        return !referenceTop(shape, first).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------ shapes

    /** One level of a read: what the generator decided, applied to the library and to the reference alike. */
    static final class LevelSpec {
        final Table<?> table;
        final Relation relation;
        final List<Condition> where = new ArrayList<>();
        final List<HasSpec> has = new ArrayList<>();
        final List<SortField<?>> orderBy = new ArrayList<>();
        Integer limit;
        Integer offset;
        List<TableField<?, ?>> columns;
        final List<TableField<?, ?>> omit = new ArrayList<>();
        final Map<String, Field<?>> extras = new LinkedHashMap<>();
        final Map<String, LevelSpec> children = new LinkedHashMap<>();

        LevelSpec(Table<?> table, Relation relation) {
            this.table = table;
            this.relation = relation;
        }

        boolean ordered() {
            return !orderBy.isEmpty();
        }

        boolean many() {
            return relation == null || relation.kind() == RelationKind.MANY;
        }

        List<Field<?>> selected() {
            Set<String> omitted = omit.stream().map(Field::getName).collect(Collectors.toSet());
            List<Field<?>> result = new ArrayList<>();
            for (Field<?> f : table.fields()) {
                boolean chosen = columns == null || columns.stream().anyMatch(c -> c.getName().equals(f.getName()));
                if (chosen && !omitted.contains(f.getName())) {
                    result.add(f);
                }
            }
            return result;
        }

        /** The shape as the Java code that builds it (conditions rendered as SQL), for failure reports. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            if (relation == null) {
                sb.append("from(").append(TableNames.displayName(table)).append(")");
            }
            if (!where.isEmpty()) {
                sb.append(".where(").append(where.stream().map(DifferentialReads::sql).collect(Collectors.joining(", ")))
                        .append(")");
            }
            has.forEach(h -> sb.append(h.describe()));
            if (!orderBy.isEmpty()) {
                sb.append(".orderBy(").append(orderBy.stream().map(DifferentialReads::sql)
                        .collect(Collectors.joining(", "))).append(")");
            }
            if (limit != null) {
                sb.append(".limit(").append(limit).append(")");
            }
            if (offset != null) {
                sb.append(".offset(").append(offset).append(")");
            }
            if (columns != null) {
                sb.append(".columns(").append(columns.stream().map(Field::getName).collect(Collectors.joining(", ")))
                        .append(")");
            }
            if (!omit.isEmpty()) {
                sb.append(".omit(").append(omit.stream().map(Field::getName).collect(Collectors.joining(", "))).append(")");
            }
            extras.forEach((name, field) -> sb.append(".extra(\"").append(name).append("\", ").append(sql(field))
                    .append(")"));
            children.forEach((name, child) -> sb.append(".with(\"").append(name).append("\", l -> l")
                    .append(child.describe()).append(")"));
            return sb.toString();
        }
    }

    /** A whereHas / whereHasNo: the related rows' conditions and further relation filters. */
    record HasSpec(Relation relation, boolean exists, List<Condition> where, List<HasSpec> nested) {
        String describe() {
            StringBuilder sb = new StringBuilder(exists ? ".whereHas(\"" : ".whereHasNo(\"").append(relation.name())
                    .append("\"");
            if (!where.isEmpty() || !nested.isEmpty()) {
                sb.append(", f -> f");
                if (!where.isEmpty()) {
                    sb.append(".where(").append(where.stream().map(DifferentialReads::sql)
                            .collect(Collectors.joining(", "))).append(")");
                }
                nested.forEach(n -> sb.append(n.describe()));
            }
            return sb.append(")").toString();
        }
    }

    LevelSpec randomShape(Random random) {
        Table<?> root = roots.get(random.nextInt(roots.size()));
        LevelSpec spec = new LevelSpec(root, null);
        // up to 3 levels below the root (4 in all), up to 3 relations per level, at most 9 relations per read
        fill(spec, random, 0, 1 + random.nextInt(3), new int[] {random.nextInt(10)});
        return spec;
    }

    private void fill(LevelSpec spec, Random random, int depth, int maxDepth, int[] budget) {
        Table<?> table = spec.table;
        if (random.nextInt(100) < 40) {
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                spec.where.add(randomCondition(table, random, 0));
            }
        }
        if (random.nextInt(100) < 22 && !graph.relationsOf(table).isEmpty()) {
            spec.has.add(randomHas(table, random, 0));
            if (random.nextInt(4) == 0) {
                spec.has.add(randomHas(table, random, 0));
            }
        }
        boolean toOne = !spec.many();
        boolean ordered = toOne ? random.nextInt(5) == 0 : random.nextInt(100) < 75;
        if (ordered) {
            spec.orderBy.addAll(randomOrder(table, random));
            if (random.nextInt(100) < 35) {
                spec.limit = random.nextInt(4);
            }
            if (random.nextInt(100) < 25) {
                spec.offset = random.nextInt(4);
            }
        }
        List<TableField<?, ?>> pk = primaryKey(table);
        int c = random.nextInt(100);
        if (c < 15) {
            List<TableField<?, ?>> cols = new ArrayList<>(pk);
            for (Field<?> f : table.fields()) {
                if (!cols.contains(f) && random.nextBoolean()) {
                    cols.add((TableField<?, ?>) f);
                }
            }
            java.util.Collections.shuffle(cols, random);
            spec.columns = cols;
        } else if (c < 30) {
            for (Field<?> f : table.fields()) {
                if (!pk.contains(f) && random.nextInt(3) == 0) {
                    spec.omit.add((TableField<?, ?>) f);
                }
            }
        }
        if (random.nextInt(100) < 15) {
            spec.extras.put("extra1", randomExtra(table, random));
            if (random.nextInt(3) == 0) {
                spec.extras.put("extra2", randomExtra(table, random));
            }
        }
        if (depth >= maxDepth) {
            return;
        }
        List<Relation> candidates = new ArrayList<>(graph.relationsOf(table).values());
        java.util.Collections.shuffle(candidates, random);
        int breadth = random.nextInt(depth == 0 ? 4 : 3);
        for (int i = 0; i < breadth && i < candidates.size() && budget[0] > 0; i++) {
            Relation relation = candidates.get(i);
            budget[0]--;
            LevelSpec child = new LevelSpec(relation.target(), relation);
            spec.children.put(relation.name(), child);
            fill(child, random, depth + 1, maxDepth, budget);
        }
    }

    private HasSpec randomHas(Table<?> table, Random random, int depth) {
        List<Relation> relations = new ArrayList<>(graph.relationsOf(table).values());
        Relation relation = relations.get(random.nextInt(relations.size()));
        List<Condition> where = new ArrayList<>();
        if (random.nextInt(100) < 55) {
            where.add(randomCondition(relation.target(), random, 0));
        }
        List<HasSpec> nested = new ArrayList<>();
        if (depth < 2 && random.nextInt(100) < 30 && !graph.relationsOf(relation.target()).isEmpty()) {
            nested.add(randomHas(relation.target(), random, depth + 1));
        }
        return new HasSpec(relation, random.nextInt(100) < 65, where, nested);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<SortField<?>> randomOrder(Table<?> table, Random random) {
        List<SortField<?>> order = new ArrayList<>();
        List<TableField<?, ?>> pk = primaryKey(table);
        List<Field<?>> others = new ArrayList<>();
        for (Field<?> f : table.fields()) {
            if (!pk.contains(f)) {
                others.add(f);
            }
        }
        int n = random.nextInt(3);
        for (int i = 0; i < n && !others.isEmpty(); i++) {
            Field<?> f = others.remove(random.nextInt(others.size()));
            SortField<?> s = random.nextBoolean() ? f.asc() : f.desc();
            int nulls = random.nextInt(4);
            order.add(nulls == 0 ? s.nullsFirst() : nulls == 1 ? s.nullsLast() : s);
        }
        // the primary key last makes the order total, so results are comparable row by row
        boolean desc = random.nextInt(3) == 0;
        for (TableField<?, ?> k : pk) {
            order.add(desc ? k.desc() : k.asc());
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Condition randomCondition(Table<?> table, Random random, int depth) {
        int kind = random.nextInt(100);
        if (depth < 2 && kind < 8) {
            return DSL.or(randomCondition(table, random, depth + 1), randomCondition(table, random, depth + 1));
        }
        if (depth < 2 && kind < 12) {
            return DSL.not(randomCondition(table, random, depth + 1));
        }
        Field<Object> f = (Field<Object>) table.fields()[random.nextInt(table.fields().length)];
        List<Object> seen = values.getOrDefault(key(f), List.of()).stream().filter(Objects::nonNull).toList();
        if (seen.isEmpty() || random.nextInt(100) < 12) {
            return random.nextBoolean() ? f.isNull() : f.isNotNull();
        }
        Object v = seen.get(random.nextInt(seen.size()));
        Object w = seen.get(random.nextInt(seen.size()));
        boolean comparable = !(v instanceof EnumType);
        int op = random.nextInt(comparable ? 11 : 5);
        switch (op) {
            case 0, 1:
                return f.eq(v);
            case 2:
                return f.ne(v);
            case 3:
                return f.in(v, w);
            case 4:
                return f.isDistinctFrom(v);
            case 5:
                return f.gt(v);
            case 6:
                return f.le(v);
            case 7:
                return f.between(v, w);
            default:
                if (v instanceof String s && !s.isEmpty()) {
                    int cut = Math.min(s.length(), 1 + random.nextInt(3));
                    int from = random.nextInt(s.length() - cut + 1);
                    String part = s.substring(from, from + cut);
                    Field<String> text = (Field<String>) (Field) f;
                    switch (op) {
                        case 8:
                            return text.contains(part);
                        case 9:
                            return text.startsWith(s.substring(0, cut));
                        default:
                            return text.likeIgnoreCase("%" + part.replace("%", "").replace("_", "") + "%");
                    }
                }
                return f.ge(v);
        }
    }

    /**
     * A computed value on the level's table: arithmetic, text functions with quotes in literals, or a correlated count
     * over one of the table's relations (through an aliased target, so it must correlate with the right scope even at
     * a self-referencing level).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Field<?> randomExtra(Table<?> table, Random random) {
        List<Relation> countable = graph.relationsOf(table).values().stream()
                .filter(r -> r.kind() == RelationKind.MANY && r.filter().isEmpty()).toList();
        if (!countable.isEmpty() && random.nextBoolean()) {
            Relation r = countable.get(random.nextInt(countable.size()));
            Table<?> counted = r.junction().orElse(r.target()).as("cnt_" + r.name());
            List<? extends TableField<?, ?>> joined = r.junction().isPresent() ? r.junctionSourceColumns()
                    : r.targetColumns();
            List<Condition> on = new ArrayList<>();
            for (int i = 0; i < joined.size(); i++) {
                on.add(((Field<Object>) counted.field(joined.get(i))).eq((Field<Object>) r.sourceColumns().get(i)));
            }
            return DSL.field(DSL.selectCount().from(counted).where(on));
        }
        List<Field<?>> fields = List.of(table.fields());
        Field<?> f = fields.get(random.nextInt(fields.size()));
        if (f.getType() == String.class) {
            return random.nextBoolean() ? DSL.upper((Field<String>) f)
                    : DSL.concat((Field<String>) f, DSL.inline(" '\"\\\n🎉"));
        }
        if (f.getType() == BigDecimal.class) {
            return ((Field<BigDecimal>) f).plus(new BigDecimal("0.001"));
        }
        if (f.getType() == Long.class || f.getType() == Integer.class) {
            return ((Field<Number>) f).mul(2);
        }
        return DSL.coalesce((Field<Object>) f, (Field<Object>) f);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Read<?> build(LevelSpec shape) {
        return build(reads, shape);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Read<?> build(NestedReads reads, LevelSpec shape) {
        Read<?> read = reads.from(shape.table);
        apply((AbstractLevel) read, shape);
        return read;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(AbstractLevel level, LevelSpec spec) {
        if (!spec.where.isEmpty()) {
            level.where(spec.where.toArray(Condition[]::new));
        }
        for (HasSpec h : spec.has) {
            if (h.where().isEmpty() && h.nested().isEmpty()) {
                if (h.exists()) {
                    level.whereHas(h.relation().name());
                } else {
                    level.whereHasNo(h.relation().name());
                }
            } else if (h.exists()) {
                level.whereHas(h.relation().name(), (Consumer<RelationFilter<?>>) f -> applyFilter(f, h));
            } else {
                level.whereHasNo(h.relation().name(), (Consumer<RelationFilter<?>>) f -> applyFilter(f, h));
            }
        }
        if (!spec.orderBy.isEmpty()) {
            level.orderBy(spec.orderBy.toArray(OrderField[]::new));
        }
        if (spec.limit != null) {
            level.limit(spec.limit);
        }
        if (spec.offset != null) {
            level.offset(spec.offset);
        }
        if (spec.columns != null) {
            level.columns(spec.columns.toArray(TableField[]::new));
        }
        if (!spec.omit.isEmpty()) {
            level.omit(spec.omit.toArray(TableField[]::new));
        }
        spec.extras.forEach(level::extra);
        spec.children.forEach((name, child) -> level.with(name, (Consumer<Level<?>>) l -> apply(l, child)));
    }

    private void applyFilter(RelationFilter<?> filter, HasSpec h) {
        if (!h.where().isEmpty()) {
            filter.where(h.where().toArray(Condition[]::new));
        }
        for (HasSpec n : h.nested()) {
            if (n.exists()) {
                filter.whereHas(n.relation().name(), f -> applyFilter(f, n));
            } else {
                filter.whereHasNo(n.relation().name(), f -> applyFilter(f, n));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the reference loader

    /** The top-level rows: one plain query, relation filters, offset and limit applied in Java. */
    private List<Map<String, Object>> referenceTop(LevelSpec shape, boolean first) {
        List<Record> rows = query(shape.table, DSL.and(shape.where), shape.orderBy);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Record row : slice(filterHas(rows, shape.has), shape.offset,
                first ? Integer.valueOf(shape.limit == null ? 1 : Math.min(1, shape.limit)) : shape.limit)) {
            result.add(referenceRow(shape, row));
        }
        sortIfUnordered(shape, result);
        return result;
    }

    private Map<String, Object> referenceRow(LevelSpec spec, Record row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> f : spec.selected()) {
            values.put(f.getName(), row.get(f.getName()));
        }
        spec.extras.forEach((name, field) -> values.put(name, extraValue(spec.table, row, field)));
        spec.children.forEach((name, child) -> {
            List<Record> related = slice(filterHas(related(child.relation, row, child.where, child.orderBy), child.has),
                    child.offset, child.limit);
            if (child.many()) {
                List<Map<String, Object>> list = new ArrayList<>();
                related.forEach(r -> list.add(referenceRow(child, r)));
                sortIfUnordered(child, list);
                values.put(name, list);
            } else {
                values.put(name, related.isEmpty() ? null : referenceRow(child, related.get(0)));
            }
        });
        return values;
    }

    /**
     * The rows of {@code relation} for one parent row: a plain query on the target with the parent's key values as
     * literals (through a junction: the target keys the junction lists for them), the relation's own filter, and
     * {@code where}, in {@code orderBy}'s order.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Record> related(Relation relation, Record parent, List<Condition> where,
            List<SortField<?>> orderBy) {
        List<Condition> conditions = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (TableField<?, ?> source : relation.sourceColumns()) {
            Object value = parent.get(source.getName());
            if (value == null) {
                return List.of(); // null never equals anything: no related row
            }
            keys.add(value);
        }
        if (relation.junction().isEmpty()) {
            for (int i = 0; i < keys.size(); i++) {
                conditions.add(((Field<Object>) relation.targetColumns().get(i)).eq(keys.get(i)));
            }
        } else {
            Table<?> junction = relation.junction().get();
            List<Condition> junctionWhere = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                junctionWhere.add(((Field<Object>) relation.junctionSourceColumns().get(i)).eq(keys.get(i)));
            }
            List<Record> links = query(junction, DSL.and(junctionWhere), List.of());
            if (links.isEmpty()) {
                return List.of();
            }
            List<Condition> anyLink = new ArrayList<>();
            for (Record link : links) {
                List<Condition> one = new ArrayList<>();
                for (int i = 0; i < relation.targetColumns().size(); i++) {
                    one.add(((Field<Object>) relation.targetColumns().get(i))
                            .eq(link.get(relation.junctionTargetColumns().get(i).getName())));
                }
                anyLink.add(DSL.and(one));
            }
            conditions.add(DSL.or(anyLink));
        }
        relation.filter().ifPresent(conditions::add);
        conditions.addAll(where);
        return query(relation.target(), DSL.and(conditions), orderBy);
    }

    /** An extra of one row: a plain query of the extra on its table, for that row's primary key. */
    @SuppressWarnings("unchecked")
    private Object extraValue(Table<?> table, Record row, Field<?> extra) {
        List<Condition> pk = new ArrayList<>();
        for (TableField<?, ?> k : primaryKey(table)) {
            pk.add(((Field<Object>) k).eq(row.get(k.getName())));
        }
        Select<?> select = db.dsl().select(extra).from(table).where(pk);
        String sql = db.dsl().renderInlined(select);
        return referenceCache.computeIfAbsent(sql, s -> new ArrayList<>(select.fetch())).get(0).get(0);
    }

    private List<Record> query(Table<?> table, Condition where, List<SortField<?>> orderBy) {
        Select<?> select = db.dsl().select(table.fields()).from(table).where(where).orderBy(orderBy);
        String sql = db.dsl().renderInlined(select);
        return referenceCache.computeIfAbsent(sql, s -> new ArrayList<>(select.fetch()));
    }

    private List<Record> filterHas(List<Record> rows, List<HasSpec> has) {
        if (has.isEmpty()) {
            return rows;
        }
        List<Record> kept = new ArrayList<>();
        for (Record row : rows) {
            if (has.stream().allMatch(h -> matches(h, row))) {
                kept.add(row);
            }
        }
        return kept;
    }

    private boolean matches(HasSpec h, Record row) {
        boolean found = !filterHas(related(h.relation(), row, h.where(), List.of()), h.nested()).isEmpty();
        return found == h.exists();
    }

    private List<Record> slice(List<Record> rows, Integer offset, Integer limit) {
        int from = Math.min(rows.size(), offset == null ? 0 : offset);
        int to = limit == null ? rows.size() : Math.min(rows.size(), from + limit);
        return rows.subList(from, to);
    }

    // -------------------------------------------------------------------------------------------------- comparing

    /** A node as plain maps: selected column values by name, relations by name (list, or map/null for a to-one). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Object> normalize(Node<?> node, LevelSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> selected = new HashSet<>();
        for (Field<?> f : spec.selected()) {
            values.put(f.getName(), node.get(f));
            selected.add(f.getName());
        }
        for (Field<?> f : spec.table.fields()) {
            if (!selected.contains(f.getName()) && node.record().get(f.getName()) != null) {
                values.put(f.getName() + " (not selected, yet not null)", node.record().get(f.getName()));
            }
        }
        spec.extras.forEach((name, field) -> values.put(name, node.extra(name)));
        if (!node.relations().keySet().equals(spec.children.keySet())) {
            values.put("(relations)", node.relations().keySet());
        }
        spec.children.forEach((name, child) -> {
            if (child.many()) {
                List<Map<String, Object>> list = new ArrayList<>();
                node.many(name).forEach(n -> list.add(normalize(n, child)));
                sortIfUnordered(child, list);
                values.put(name, list);
            } else {
                Optional<Node<?>> one = node.one(name);
                values.put(name, one.map(n -> normalize(n, child)).orElse(null));
            }
        });
        return values;
    }

    /** The reference row as the JSON read should render it: camelCase keys, JSON-comparable values. */
    private Map<String, Object> toJsonShape(LevelSpec spec, Map<String, Object> row, JsonKeys keys) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Field<?> f : spec.selected()) {
            json.put(jsonKey(f, keys), jsonValue(row.get(f.getName())));
        }
        spec.extras.keySet().forEach(name -> json.put(name, jsonValue(row.get(name))));
        spec.children.forEach((name, child) -> {
            Object value = row.get(name);
            if (value instanceof List<?> list) {
                List<Object> rows = new ArrayList<>();
                list.forEach(r -> rows.add(toJsonShape(child, castMap(r), keys)));
                json.put(name, rows);
            } else {
                json.put(name, value == null ? null : toJsonShape(child, castMap(value), keys));
            }
        });
        return json;
    }

    private static Object jsonValue(Object value) {
        if (value instanceof EnumType e) {
            return e.getLiteral();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Long || value instanceof Integer) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof java.util.UUID uuid) {
            return uuid.toString();
        }
        return value;
    }

    /** A parsed JSON row, with timestamps and dates parsed so that they compare with the reference's values. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fromJson(LevelSpec spec, Map<?, ?> object, JsonKeys keys) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Field<?>> byKey = new HashMap<>();
        for (Field<?> f : spec.table.fields()) {
            byKey.put(jsonKey(f, keys), f);
        }
        object.forEach((k, v) -> {
            String key = (String) k;
            LevelSpec child = spec.children.get(key);
            if (child != null) {
                if (v instanceof List<?> list) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    list.forEach(r -> rows.add(fromJson(child, (Map<?, ?>) r, keys)));
                    sortJsonIfUnordered(child, rows, keys);
                    row.put(key, rows);
                } else {
                    row.put(key, v instanceof Map<?, ?> m ? fromJson(child, m, keys) : v);
                }
                return;
            }
            Field<?> f = spec.extras.containsKey(key) ? spec.extras.get(key) : byKey.get(key);
            Object value = v;
            if (f != null && v instanceof String s) {
                if (f.getType() == OffsetDateTime.class) {
                    // MariaDB and SQLite give the text they hold (here jOOQ's '2026-01-01 01:00:00+00:00')
                    value = OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
                } else if (f.getType() == LocalDate.class) {
                    value = LocalDate.parse(s);
                } else if (f.getType() == String.class && !f.getDataType().getConverter().getClass().getName()
                        .startsWith("org.jooq.impl.")) {
                    // the database builds the JSON from the values it holds; a forced type's converter (Trimmed) is
                    // Java's, applied here as reading the column would
                    value = ((org.jooq.Converter<Object, Object>) f.getDataType().getConverter()).from(s);
                }
            }
            row.put(key, value);
        });
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** A level without orderBy comes back in no particular order: compare it sorted by primary key. */
    private void sortIfUnordered(LevelSpec spec, List<Map<String, Object>> rows) {
        if (!spec.ordered()) {
            List<String> pk = primaryKey(spec.table).stream().map(Field::getName).toList();
            rows.sort(byKeys(pk));
        }
    }

    private static String jsonKey(Field<?> column, JsonKeys keys) {
        return keys == JsonKeys.CAMEL_CASE ? CamelCase.of(column.getName()) : column.getName();
    }

    private void sortJsonIfUnordered(LevelSpec spec, List<Map<String, Object>> rows, JsonKeys keys) {
        if (!spec.ordered()) {
            List<String> pk = primaryKey(spec.table).stream().map(f -> jsonKey(f, keys)).toList();
            rows.sort(byKeys(pk));
        }
    }

    private static Comparator<Map<String, Object>> byKeys(List<String> keys) {
        return (a, b) -> {
            for (String k : keys) {
                int c = compareKeyValues(a.get(k), b.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** Key values as numbers when they are numbers (JSON's are BigDecimal, the nodes' Long), else as text (uuids). */
    private static int compareKeyValues(Object a, Object b) {
        if (a instanceof Number || b instanceof Number) {
            return new BigDecimal(String.valueOf(a)).compareTo(new BigDecimal(String.valueOf(b)));
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** The first difference between two normalized trees, as a path and both sides; {@code null} when equal. */
    static String diff(String path, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (!e.keySet().equals(a.keySet())) {
                return path + ": keys " + a.keySet() + " instead of " + e.keySet();
            }
            for (Object k : e.keySet()) {
                String d = diff(path + "." + k, e.get(k), a.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return path + ": " + a.size() + " rows instead of " + e.size() + "\n    expected: " + abbreviate(e, 1500)
                        + "\n    actual:   " + abbreviate(a, 1500);
            }
            for (int i = 0; i < e.size(); i++) {
                String d = diff(path + "[" + i + "]", e.get(i), a.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (Objects.equals(expected, actual)) {
            return null;
        }
        return path + ": expected " + describeValue(expected) + " but was " + describeValue(actual);
    }

    private static String describeValue(Object v) {
        if (v == null) {
            return "null";
        }
        String text = v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"" : String.valueOf(v);
        return abbreviate(text, 400) + " (" + v.getClass().getSimpleName() + ")";
    }

    private static String abbreviate(Object o, int max) {
        String s = String.valueOf(o);
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static String sql(QueryPart part) {
        return RENDER.renderInlined(part);
    }

    private static String key(Field<?> f) {
        return TableNames.displayName(((TableField<?, ?>) f).getTable()) + "." + f.getName();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<TableField<?, ?>> primaryKey(Table<?> table) {
        return (List) table.getPrimaryKey().getFields();
    }

    // -------------------------------------------------------------------------------------------------------- JSON

    /** A minimal JSON parser that keeps numbers exact ({@link BigDecimal}), for comparing JSON reads. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing JSON at " + i);
            }
            return v;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        if (map.put(k, value()) != null) {
                            throw new IllegalArgumentException("duplicate JSON key " + k);
                        }
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> list = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    return new BigDecimal(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " of JSON");
            }
            i++;
        }
    }
}

package io.jooqrelations.query;

import io.jooqrelations.query.internal.Cancellation;
import io.jooqrelations.query.internal.DialectSupport;
import io.jooqrelations.query.internal.JsonBackend;
import io.jooqrelations.query.internal.KeysetCursor;
import io.jooqrelations.query.internal.LevelPlan;
import io.jooqrelations.query.internal.MultisetBackend;
import io.jooqrelations.query.internal.NodeDecoder;
import io.jooqrelations.query.internal.PerLevelBackend;
import io.jooqrelations.query.internal.RecordMapper;
import io.jooqrelations.query.internal.RenderCache;
import io.jooqrelations.query.internal.RowView;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.internal.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Query;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A nested read from one table, built fluently and run with one of the {@code find...} methods — each runs exactly
 * one SQL statement (unless {@link #strategy(ReadStrategy)} asks for one per level). A read is a builder: configure it,
 * run it, and build a new one for the next request; {@link #prepare()} turns a shape into a reusable, thread-safe read.
 *
 * <pre>{@code
 * Optional<Node<InvoicesRecord>> invoice = reads.from(INVOICES)
 *     .where(INVOICES.ID.eq(id))
 *     .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
 *     .with("tags")
 *     .with(ORGANIZATION, o -> o.columns(ORGANIZATIONS.NAME))
 *     .findFirst();
 * String json = reads.from(INVOICES).with("lineItems").findManyJson();
 * }</pre>
 *
 * @param <R> the record type of the top-level table
 */
public final class Read<R extends Record> extends AbstractLevel<R, Read<R>> {

    private static final Logger LOG = LoggerFactory.getLogger(Read.class);

    /** One more than the largest page: a page reads {@code size + 1} rows to know whether more follow. */
    private static final int MAX_PAGE_SIZE = Integer.MAX_VALUE;

    private final NestedReads reads;
    private String after;
    private ReadStrategy strategy = ReadStrategy.SINGLE_STATEMENT;
    private JoinShape joinShape = JoinShape.AUTO;
    private Integer timeoutSeconds;

    Read(NestedReads reads, org.jooq.Table<R> table) {
        super(reads.relations(), reads.scope(), table, Names.displayName(table), 0);
        this.reads = reads;
        this.strategy = reads.strategy();
        if (reads.timeout() != null) {
            timeout(reads.timeout());
        }
    }

    /**
     * Continues a keyset-paginated read after the page whose {@link Page#nextCursor()} this is; {@code null} means
     * the first page. Needs an {@code orderBy} over non-null columns ending with a unique key.
     */
    public Read<R> after(String cursor) {
        this.after = cursor;
        return this;
    }

    /**
     * One page of at most {@code size} rows in the read's order, starting after the cursor given to
     * {@link #after(String)}: stable under inserts and deletes, unlike {@code offset}.
     */
    public Page<R> findPage(int size) {
        if (size < 1 || size >= MAX_PAGE_SIZE) {
            throw new InvalidReadException("findPage(" + size + ") on " + path + ": a page holds between 1 and "
                    + (MAX_PAGE_SIZE - 1) + " rows; read more with findMany() or stream(...).");
        }
        if (offset != null || limit != null) {
            throw new InvalidReadException("findPage(...) on " + path + " pages by cursor; remove limit(...)/offset(...).");
        }
        LevelPlan plan = freeze();
        KeysetCursor keyset = new KeysetCursor(plan);
        List<org.jooq.Field<?>> seek = new ArrayList<>();
        if (after != null) {
            List<Object> values = keyset.decode(after);
            for (int i = 0; i < values.size(); i++) {
                seek.add(val(values.get(i), keyset.fields().get(i)));
            }
        }
        List<RowView> rows = fetch(plan, size + 1, seek);
        boolean more = rows.size() > size;
        List<RowView> page = more ? rows.subList(0, size) : rows;
        return new Page<>(NodeDecoder.decode(page), more ? keyset.encode(rows.get(size - 1)) : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> org.jooq.Field<T> val(Object value, org.jooq.Field<T> field) {
        return org.jooq.impl.DSL.val((T) value, field);
    }

    /**
     * Cancels the statement when it runs longer than {@code timeout} (whole seconds, at least one): the driver
     * throws jOOQ's {@code DataAccessException} and the connection stays usable.
     */
    public Read<R> timeout(java.time.Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidReadException("timeout(" + timeout + ") on " + path + ": a timeout must be positive.");
        }
        reads.dialect().require(DialectSupport.Feature.TIMEOUT, "timeout(" + timeout + ")", path);
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        return this;
    }

    /**
     * Streams the top-level rows lazily, {@code fetchSize} at a time, each with its nested relations: memory stays
     * bounded by the fetch size, not by the result. PostgreSQL streams only inside a transaction (auto-commit off), so
     * a call with auto-commit on is an {@link InvalidReadException}; close the stream (try-with-resources) to release
     * the cursor.
     */
    public java.util.stream.Stream<Node<R>> stream(int fetchSize) {
        if (fetchSize < 1) {
            throw new InvalidReadException("stream(" + fetchSize + ") on " + path + ": the fetch size must be 1 or more.");
        }
        requireSingleStatement("stream(...)");
        reads.dialect().require(DialectSupport.Feature.STREAM, "stream(" + fetchSize + ")", path);
        // with auto-commit on, pgjdbc reads every row before returning the first: the stream would not be bounded
        if (Boolean.TRUE.equals(dsl().connectionResult(java.sql.Connection::getAutoCommit))) {
            throw new InvalidReadException("stream(" + fetchSize + ") on " + path + " needs a transaction: with "
                    + "auto-commit on, PostgreSQL's driver reads every row into memory before returning the first, so "
                    + "memory would not stay bounded by the fetch size. Run it inside dsl.transaction(...) (or a "
                    + "@Transactional method), or use findMany().");
        }
        MultisetBackend.Compiled compiled = compile(freeze(), null);
        compiled.query().fetchSize(fetchSize);
        log(compiled.query());
        java.util.stream.Stream<Record> rows;
        try {
            rows = compiled.query().fetchStream();
        } catch (RuntimeException e) {   // as every other terminal call: a cancelled statement is a ReadCancelledException
            throw Cancellation.translate(e);
        }
        // the rows after the first fetch are read while the caller consumes the stream: their failures too
        java.util.Spliterator<Record> source = rows.spliterator();
        java.util.Spliterator<Node<R>> nodes = new java.util.Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                java.util.Spliterator.ORDERED | java.util.Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super Node<R>> action) {
                try {
                    return source.tryAdvance(row -> action.accept(NodeDecoder.decode(compiled.row(row))));
                } catch (RuntimeException e) {
                    throw Cancellation.translate(e);
                }
            }
        };
        return java.util.stream.StreamSupport.stream(nodes, false).onClose(rows::close);
    }

    /**
     * How {@code findMany}/{@code findFirst}/{@code findPage} execute: one statement (the default) or one per relation
     * level. {@code stream} and {@code prepare} need one statement and refuse {@link ReadStrategy#QUERY_PER_LEVEL}; JSON
     * reads are always one statement.
     */
    public Read<R> strategy(ReadStrategy strategy) {
        requireNonNull(strategy, "strategy");
        this.strategy = strategy;
        return this;
    }

    /**
     * How the single statement reads the top level's to-many relations (see {@link JoinShape}); {@link JoinShape#AUTO}
     * by default. Applies to the typed reads ({@code find...}, {@code stream}, {@code prepare}); JSON reads are always
     * correlated.
     */
    public Read<R> joinShape(JoinShape shape) {
        requireNonNull(shape, "joinShape");
        if (shape == JoinShape.GROUPED) {
            reads.dialect().require(DialectSupport.Feature.GROUPED, "joinShape(JoinShape.GROUPED)", path);
        }
        this.joinShape = shape;
        return this;
    }

    /** All matching rows as a typed tree. */
    public List<Node<R>> findMany() {
        return NodeDecoder.decode(fetch(freeze(), null, List.of()));
    }

    /** The first matching row (reads at most one), as a typed tree. */
    public Optional<Node<R>> findFirst() {
        List<RowView> rows = fetch(freeze(), 1, List.of());
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0)));
    }

    /** All matching rows mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> List<T> findMany(Class<T> type) {
        LevelPlan plan = freeze();
        RecordMapper<T> mapper = RecordMapper.plan(type, plan);
        return mapper.mapAll(fetch(plan, null, List.of()));
    }

    /** The first matching row mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> Optional<T> findFirst(Class<T> type) {
        LevelPlan plan = freeze();
        RecordMapper<T> mapper = RecordMapper.plan(type, plan);
        List<RowView> rows = fetch(plan, 1, List.of());
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0)));
    }

    /** All matching rows as a JSON array built by the database ({@code []} when none). */
    public String findManyJson() {
        LevelPlan plan = jsonPlan();
        JSON json = fetchJson(plan, "json-array", () -> JsonBackend.array(plan, reads.jsonKeys(), reads.dialect()));
        return json == null ? "[]" : json.data();
    }

    /** The first matching row as a JSON object built by the database. */
    public Optional<String> findFirstJson() {
        LevelPlan plan = jsonPlan();
        JSON json = fetchJson(plan, "json-first", () -> JsonBackend.first(plan, reads.jsonKeys(), reads.dialect()));
        return Optional.ofNullable(json).map(JSON::data);
    }

    /**
     * Every statement this read can run, one per form ({@code findMany}, {@code findFirst}, {@code findManyJson},
     * {@code findFirstJson}), with {@code ?} for bind values: what to look at instead of an {@code ExecuteListener}.
     *
     * <pre>{@code
     * System.out.println(reads.from(INVOICES).with("lineItems").statements());   // all four, labelled
     * }</pre>
     */
    public ReadStatements statements() {
        return statements(false);
    }

    /** {@link #statements()} with the bind values inlined, ready for {@code EXPLAIN ANALYZE} in psql. */
    public ReadStatements inlinedStatements() {
        return statements(true);
    }

    private ReadStatements statements(boolean inlined) {
        LevelPlan plan = freeze();
        java.util.function.Function<org.jooq.Query, String> sql = inlined ? explainable()::renderInlined : reads.dsl()::render;
        boolean single = strategy == ReadStrategy.SINGLE_STATEMENT;
        return new ReadStatements(
                single ? sql.apply(compile(plan, null).query()) : null,
                single ? sql.apply(compile(plan, 1).query()) : null,
                sql.apply(JsonBackend.array(plan, reads.jsonKeys(), reads.dialect())),
                sql.apply(JsonBackend.first(plan, reads.jsonKeys(), reads.dialect())));
    }

    /** The statement {@link #findMany()} runs, with {@code ?} for bind values (see {@link #bindValues()}). */
    public String toSQL() {
        return compile(freeze(), null).query().getSQL();
    }

    /** The bind values of {@link #toSQL()}, in order. */
    public List<Object> bindValues() {
        return compile(freeze(), null).query().getBindValues();
    }

    /**
     * The statement {@link #findMany()} runs with the values inlined, ready for {@code EXPLAIN ANALYZE} (on MariaDB and
     * MySQL the select alone, without the {@code set @@group_concat_max_len} statements jOOQ sends around it).
     */
    public String toInlinedSQL() {
        return explainable().renderInlined(compile(freeze(), null).query());
    }

    /**
     * The context that renders SQL for {@code EXPLAIN}: the select alone, without the {@code set @@group_concat_max_len}
     * statements jOOQ puts around its MULTISET emulation on MariaDB and MySQL (which EXPLAIN would not take).
     */
    private DSLContext explainable() {
        org.jooq.conf.Settings settings = org.jooq.conf.SettingsTools.clone(reads.dsl().settings())
                .withRenderGroupConcatMaxLenSessionVariable(false);
        return org.jooq.impl.DSL.using(reads.dsl().configuration().derive(settings));
    }

    /**
     * Compiles this read once for repeated execution: its shape is frozen and its SQL rendered now, and each run only
     * binds new values for the {@code DSL.param(name, ...)} placeholders. Changing this builder afterwards does not
     * change the prepared read. Needs {@link ReadStrategy#SINGLE_STATEMENT}.
     */
    public PreparedRead<R> prepare() {
        requireSingleStatement("prepare()");
        LevelPlan plan = freeze();
        return new PreparedRead<>(dsl(), plan, compile(plan, null), compile(plan, 1), reads.jsonKeys());
    }

    /** The plan of a JSON read (always one statement), refused when the dialect cannot build it. */
    private LevelPlan jsonPlan() {
        LevelPlan plan = freeze();
        reads.dialect().checkSingleStatement(plan);
        return plan;
    }

    /** The immutable plan of this read as it is now: what every back end compiles and every decoder reads. */
    private LevelPlan freeze() {
        return freeze(Scope.conditions(scope, table));
    }

    /**
     * The top-level rows of the read, from the back end its strategy chooses; {@code limitOverride} caps the limit,
     * {@code seek} (may be empty) continues after a keyset cursor.
     */
    private List<RowView> fetch(LevelPlan plan, Integer limitOverride, List<org.jooq.Field<?>> seek) {
        try {
            if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
                reads.dialect().checkPerLevel(plan);
                return PerLevelBackend.fetch(dsl(), plan, limitOverride, seek);
            }
            reads.dialect().checkSingleStatement(plan);
            MultisetBackend.Grouped grouped = grouping(plan, limitOverride, !seek.isEmpty());
            RenderCache cache = reads.renderCache();
            RenderCache.Statement<MultisetBackend.Compiled> statement;
            if (cache != null && seek.isEmpty()) {
                statement = cache.statement(plan, "rows limit=" + limitOverride + " grouped=" + grouped, dsl(),
                        () -> MultisetBackend.compile(dsl(), plan, limitOverride, grouped), MultisetBackend.Compiled::query,
                        MultisetBackend.Compiled.DECODING);
            } else {   // a page after a cursor adds its seek values to the statement: never cached
                MultisetBackend.Compiled compiled = MultisetBackend.compile(dsl(), plan, limitOverride, grouped);
                if (!seek.isEmpty()) {
                    compiled.query().addSeekAfter(seek);
                }
                statement = RenderCache.Statement.uncached(compiled, compiled.query());
            }
            log(statement);
            @SuppressWarnings("unchecked")
            org.jooq.Result<Record> result = (org.jooq.Result<Record>) statement.fetch(dsl());
            return statement.compiled().rows(result);
        } catch (RuntimeException e) {   // jOOQ's DataAccessException, or what a listener made of it (Spring's)
            throw Cancellation.translate(e);
        }
    }

    /** The one place that refuses what only the single statement can do. */
    private void requireSingleStatement(String operation) {
        if (strategy != ReadStrategy.SINGLE_STATEMENT) {
            throw new InvalidReadException(operation + " on " + path + " runs one statement, but the read asks for "
                    + "ReadStrategy." + strategy + " (set on the read, or as its NestedReads' default); call "
                    + ".strategy(ReadStrategy.SINGLE_STATEMENT) on this read.");
        }
    }

    private MultisetBackend.Compiled compile(LevelPlan plan, Integer limitOverride) {
        reads.dialect().checkSingleStatement(plan);
        return MultisetBackend.compile(dsl(), plan, limitOverride, grouping(plan, limitOverride, false));
    }

    /**
     * Whether the top level's to-many relations are read grouped: the {@link JoinShape} rule. A page after a cursor
     * never is (its seek condition is added to the compiled statement, so the parent set could not see it).
     */
    private MultisetBackend.Grouped grouping(LevelPlan plan, Integer limitOverride, boolean seeking) {
        if (seeking || joinShape == JoinShape.CORRELATED) {
            return MultisetBackend.Grouped.NEVER;
        }
        if (joinShape == JoinShape.GROUPED) {
            return MultisetBackend.Grouped.ALWAYS;
        }
        boolean unlimited = limitOverride == null && plan.limit() == null && plan.offset() == null;
        return unlimited ? MultisetBackend.Grouped.UNINDEXED : MultisetBackend.Grouped.NEVER;
    }

    /** The JSON value of the statement {@code select} builds for {@code plan} ({@code form}: which of the two). */
    private JSON fetchJson(LevelPlan plan, String form,
            java.util.function.Supplier<org.jooq.Select<? extends org.jooq.Record1<JSON>>> select) {
        JSON json;
        try {
            RenderCache cache = reads.renderCache();
            RenderCache.Statement<org.jooq.Select<? extends org.jooq.Record1<JSON>>> statement;
            if (cache == null) {
                org.jooq.Select<? extends org.jooq.Record1<JSON>> query = select.get();
                statement = RenderCache.Statement.uncached(query, query);
            } else {
                statement = cache.statement(plan, form + " keys=" + reads.jsonKeys(), dsl(), select, query -> query,
                        RenderCache.Decoding.none());
            }
            log(statement);
            org.jooq.Result<? extends Record> rows = statement.fetch(dsl());
            json = rows.isEmpty() ? null : (JSON) rows.get(0).get(0);
        } catch (RuntimeException e) {   // jOOQ's DataAccessException, or what a listener made of it (Spring's)
            throw JsonBackend.translate(e);
        }
        return JsonBackend.checked(json);
    }

    /** The context reads run on: the application's, with this read's timeout when one is set. */
    private DSLContext dsl() {
        if (timeoutSeconds == null) {
            return reads.dsl();
        }
        org.jooq.conf.Settings settings = org.jooq.conf.SettingsTools.clone(reads.dsl().settings())
                .withQueryTimeout(timeoutSeconds);
        return org.jooq.impl.DSL.using(reads.dsl().configuration().derive(settings));
    }

    private void log(Query query) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}: {}", path, reads.dsl().renderInlined(query));
        }
    }

    private void log(RenderCache.Statement<?> statement) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}: {}", path, statement.inlined(reads.dsl()));
        }
    }
}

package io.jooqrelations.query;

import io.jooqrelations.query.internal.DialectSupport;
import io.jooqrelations.query.internal.KeysetCursor;
import io.jooqrelations.query.internal.LevelPlan;
import io.jooqrelations.query.internal.NodeDecoder;
import io.jooqrelations.query.internal.ReadBackend;
import io.jooqrelations.query.internal.ReadExecutor;
import io.jooqrelations.query.internal.ReadPlanner;
import io.jooqrelations.query.internal.RecordMapper;
import io.jooqrelations.query.internal.RowView;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;

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

    /** One more than the largest page: a page reads {@code size + 1} rows to know whether more follow. */
    private static final int MAX_PAGE_SIZE = Integer.MAX_VALUE;

    private final NestedReads reads;
    private String after;
    private ReadStrategy strategy = ReadStrategy.SINGLE_STATEMENT;
    private JoinShape joinShape = JoinShape.AUTO;
    private Integer timeoutSeconds;

    Read(NestedReads reads, org.jooq.Table<R> table) {
        super(reads.relations(), reads.scope(), table, TableNames.displayName(table), 0);
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
        ReadPlanner.Planned<List<RowView>> planned = plan(rows(size + 1, List.of()));
        KeysetCursor keyset = new KeysetCursor(planned.plan());
        if (after != null) {   // the seek values are part of the plan: frozen again with them
            List<Object> values = keyset.decode(after);
            List<org.jooq.Field<?>> seek = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                seek.add(val(values.get(i), keyset.fields().get(i)));
            }
            planned = plan(rows(size + 1, seek));
        }
        List<RowView> rows = executor().read(planned);
        boolean more = rows.size() > size;
        List<RowView> page = more ? rows.subList(0, size) : rows;
        return new Page<>(NodeDecoder.decode(page), more ? keyset.encode(rows.get(size - 1)) : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> org.jooq.Field<T> val(Object value, org.jooq.Field<T> field) {
        return org.jooq.impl.DSL.val((T) value, field);
    }

    /**
     * Cancels the statement when it runs longer than {@code timeout} (whole seconds, at least one): the read throws a
     * {@link ReadTimeoutException} and the connection stays usable.
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
        if (Boolean.TRUE.equals(reads.dsl().connectionResult(java.sql.Connection::getAutoCommit))) {
            throw new InvalidReadException("stream(" + fetchSize + ") on " + path + " needs a transaction: with "
                    + "auto-commit on, PostgreSQL's driver reads every row into memory before returning the first, so "
                    + "memory would not stay bounded by the fetch size. Run it inside dsl.transaction(...) (or a "
                    + "@Transactional method), or use findMany().");
        }
        return executor().stream(plan(rows(null, List.of())), fetchSize).map(NodeDecoder::decode);
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
     * correlated. The rule itself is the planner's, applied when the read runs.
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
        return NodeDecoder.decode(executor().read(plan(rows(null, List.of()))));
    }

    /** The first matching row (reads at most one), as a typed tree. */
    public Optional<Node<R>> findFirst() {
        List<RowView> rows = executor().read(plan(rows(1, List.of())));
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0)));
    }

    /** All matching rows mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> List<T> findMany(Class<T> type) {
        ReadPlanner.Planned<List<RowView>> planned = plan(rows(null, List.of()));
        RecordMapper<T> mapper = RecordMapper.plan(type, planned.plan());
        return mapper.mapAll(executor().read(planned));
    }

    /** The first matching row mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> Optional<T> findFirst(Class<T> type) {
        ReadPlanner.Planned<List<RowView>> planned = plan(rows(1, List.of()));
        RecordMapper<T> mapper = RecordMapper.plan(type, planned.plan());
        List<RowView> rows = executor().read(planned);
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0)));
    }

    /** All matching rows as a JSON array built by the database ({@code []} when none). */
    public String findManyJson() {
        JSON json = executor().read(plan(json(false)));
        return json == null ? "[]" : json.data();
    }

    /** The first matching row as a JSON object built by the database. */
    public Optional<String> findFirstJson() {
        return Optional.ofNullable(executor().read(plan(json(true)))).map(JSON::data);
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
        java.util.function.Function<org.jooq.Query, String> sql = inlined ? explainable()::renderInlined : reads.dsl()::render;
        return new ReadStatements(statement(rows(null, List.of()), sql), statement(rows(1, List.of()), sql),
                statement(json(false), sql), statement(json(true), sql));
    }

    /** The SQL of {@code planner}'s form, or null when the form runs no single statement or would be refused. */
    private String statement(ReadPlanner<?> planner, java.util.function.Function<org.jooq.Query, String> sql) {
        LevelPlan frozen = freeze(Scope.conditions(scope, table), planner);
        if (planner.refusal(frozen) != null) {
            return null;
        }
        ReadPlanner.Planned<?> planned = planner.planned(frozen);
        ReadBackend.Statement<?> statement = planned.backend().compile(frozen, reads.dsl());
        return statement == null ? null : sql.apply(statement.query());
    }

    /** The statement {@link #findMany()} runs, with {@code ?} for bind values (see {@link #bindValues()}). */
    public String toSQL() {
        return compile(singleStatementRows(null, "toSQL()")).query().getSQL();
    }

    /** The bind values of {@link #toSQL()}, in order. */
    public List<Object> bindValues() {
        return compile(singleStatementRows(null, "bindValues()")).query().getBindValues();
    }

    /**
     * The statement {@link #findMany()} runs with the values inlined, ready for {@code EXPLAIN ANALYZE} (on MariaDB and
     * MySQL the select alone, without the {@code set @@group_concat_max_len} statements jOOQ sends around it).
     */
    public String toInlinedSQL() {
        return explainable().renderInlined(compile(singleStatementRows(null, "toInlinedSQL()")).query());
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
        return new PreparedRead<>(executor(), plan(rows(null, List.of())), plan(rows(1, List.of())),
                planLater(json(false)), planLater(json(true)));
    }

    /**
     * The plan of {@code planner}'s form frozen now, its checks made on first use: a prepared read may be one that only
     * its JSON forms refuse (a tree), which it refuses when those are called.
     */
    private <T> java.util.function.Supplier<ReadPlanner.Planned<T>> planLater(ReadPlanner<T> planner) {
        LevelPlan frozen = freeze(Scope.conditions(scope, table), planner);
        return () -> planner.planned(frozen);
    }

    /** The planner of this read's typed forms: {@code limitOverride} (findFirst, pages) caps its limit. */
    private ReadPlanner<List<RowView>> rows(Integer limitOverride, List<org.jooq.Field<?>> seekAfter) {
        return ReadPlanner.rows(reads.dialect(), strategy, joinShape, limitOverride, seekAfter);
    }

    /** The planner of this read's JSON forms (always one statement). */
    private ReadPlanner<JSON> json(boolean first) {
        return ReadPlanner.json(reads.dialect(), reads.jsonKeys(), first);
    }

    /** The typed single statement, refused with {@code operation}'s name when the read asks for one per level. */
    private ReadPlanner<List<RowView>> singleStatementRows(Integer limitOverride, String operation) {
        requireSingleStatement(operation);
        return rows(limitOverride, List.of());
    }

    /**
     * The immutable plan of this read as it is now, every decision made by {@code planner}, with the back end that runs
     * it: what every back end compiles and every decoder reads.
     */
    private <T> ReadPlanner.Planned<T> plan(ReadPlanner<T> planner) {
        return planner.planned(freeze(Scope.conditions(scope, table), planner));
    }

    /** The one statement of a planned read. */
    private <T> ReadBackend.Statement<T> compile(ReadPlanner<T> planner) {
        ReadPlanner.Planned<T> planned = plan(planner);
        return planned.backend().compile(planned.plan(), reads.dsl());
    }

    /** What runs this read's statements: the application's context with this read's timeout and render cache. */
    private ReadExecutor executor() {
        return ReadExecutor.of(reads.dsl(), reads.renderCache(), timeoutSeconds, relations, path,
                reads.jitGuard());
    }

    /** The one place that refuses what only the single statement can do. */
    private void requireSingleStatement(String operation) {
        if (strategy != ReadStrategy.SINGLE_STATEMENT) {
            throw new InvalidReadException(operation + " on " + path + " runs one statement, but the read asks for "
                    + "ReadStrategy." + strategy + " (set on the read, or as its NestedReads' default); call "
                    + ".strategy(ReadStrategy.SINGLE_STATEMENT) on this read.");
        }
    }
}

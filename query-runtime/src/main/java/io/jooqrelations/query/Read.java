package io.jooqrelations.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectQuery;
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

    private final NestedReads reads;
    private String after;
    private ReadStrategy strategy = ReadStrategy.SINGLE_STATEMENT;
    private Integer timeoutSeconds;

    Read(NestedReads reads, org.jooq.Table<R> table) {
        super(reads.relations(), reads.scope(), table, table.getName(), 0);
        this.reads = reads;
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
        if (size < 1) {
            throw new InvalidReadException("findPage(" + size + ") on " + path + ": a page holds at least one row.");
        }
        if (offset != null || limit != null) {
            throw new InvalidReadException("findPage(...) on " + path + " pages by cursor; remove limit(...)/offset(...).");
        }
        KeysetCursor keyset = new KeysetCursor(this);
        SelectQuery<Record> query = compile(size + 1);
        if (after != null) {
            List<Object> values = keyset.decode(after);
            List<org.jooq.Field<?>> seek = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                seek.add(val(values.get(i), keyset.fields().get(i)));
            }
            query.addSeekAfter(seek);
        }
        log(query);
        Result<Record> rows = query.fetch();
        boolean more = rows.size() > size;
        List<Node<R>> nodes = NodeDecoder.decode(more ? trim(rows, size) : rows, this);
        return new Page<>(nodes, more ? keyset.encode(rows.get(size - 1)) : null);
    }

    @SuppressWarnings("unchecked")
    private static <T> org.jooq.Field<T> val(Object value, org.jooq.Field<T> field) {
        return org.jooq.impl.DSL.val((T) value, field);
    }

    private Result<Record> trim(Result<Record> rows, int size) {
        Result<Record> trimmed = reads.dsl().newResult(rows.fields());
        trimmed.addAll(rows.subList(0, size));
        return trimmed;
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
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        return this;
    }

    /**
     * Streams the top-level rows lazily, {@code fetchSize} at a time, each with its nested relations: memory stays
     * bounded by the fetch size, not by the result. PostgreSQL streams only inside a transaction (auto-commit off);
     * close the stream (try-with-resources) to release the cursor.
     */
    public java.util.stream.Stream<Node<R>> stream(int fetchSize) {
        if (fetchSize < 1) {
            throw new InvalidReadException("stream(" + fetchSize + ") on " + path + ": the fetch size must be 1 or more.");
        }
        SelectQuery<Record> query = compile(null);
        query.fetchSize(fetchSize);
        log(query);
        RowLayout layout = RowLayout.of(this);
        return query.fetchStream().map(row -> NodeDecoder.decode(row, 0, layout));
    }

    /** How {@code findMany}/{@code findFirst} execute: one statement (the default) or one per relation level. */
    public Read<R> strategy(ReadStrategy strategy) {
        requireNonNull(strategy, "strategy");
        this.strategy = strategy;
        return this;
    }

    /** All matching rows as a typed tree. */
    public List<Node<R>> findMany() {
        if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
            checkSelectsSomething();
            return QueryPerLevel.read(dsl(), this, null);
        }
        return NodeDecoder.decode(execute(null), this);
    }

    /** The first matching row (reads at most one), as a typed tree. */
    public Optional<Node<R>> findFirst() {
        if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
            checkSelectsSomething();
            List<Node<R>> rows = QueryPerLevel.read(dsl(), this, 1);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
        Result<Record> rows = execute(1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0), this));
    }

    /** All matching rows mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> List<T> findMany(Class<T> type) {
        RecordMapper<T> mapper = RecordMapper.plan(type, this);
        List<T> mapped = new ArrayList<>();
        if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
            findMany().forEach(n -> mapped.add(mapper.map(n)));
        } else {
            execute(null).forEach(row -> mapped.add(mapper.map(row, 0)));
        }
        return mapped;
    }

    /** The first matching row mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> Optional<T> findFirst(Class<T> type) {
        RecordMapper<T> mapper = RecordMapper.plan(type, this);
        if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
            return findFirst().map(mapper::map);
        }
        Result<Record> rows = execute(1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0), 0));
    }

    /** All matching rows as a JSON array built by PostgreSQL ({@code []} when none). */
    public String findManyJson() {
        JSON json = fetchValue(compileJson(true));
        return json == null ? "[]" : json.data();
    }

    /** The first matching row as a JSON object built by PostgreSQL. */
    public Optional<String> findFirstJson() {
        JSON json = fetchValue(compileJson(false));
        return Optional.ofNullable(json).map(JSON::data);
    }

    /** The statement {@link #findMany()} runs, with {@code ?} for bind values (see {@link #bindValues()}). */
    public String toSQL() {
        return compile(null).getSQL();
    }

    /** The bind values of {@link #toSQL()}, in order. */
    public List<Object> bindValues() {
        return compile(null).getBindValues();
    }

    /** The statement {@link #findMany()} runs with the values inlined, ready for {@code EXPLAIN ANALYZE}. */
    public String toInlinedSQL() {
        SelectQuery<Record> query = compile(null);
        return reads.dsl().renderInlined(query);
    }

    /**
     * Compiles this read once for repeated execution: its SQL is rendered now, and each run only binds new values for
     * the {@code DSL.param(name, ...)} placeholders. Do not change the read after preparing it.
     */
    public PreparedRead<R> prepare() {
        return new PreparedRead<>(dsl(), this, compile(null), compile(1),
                () -> List.of(compileJson(true), compileJson(false)));
    }

    /** The JSON statement of {@link #findManyJson()} ({@code array}) or {@link #findFirstJson()}. */
    private org.jooq.Select<org.jooq.Record1<JSON>> compileJson(boolean array) {
        checkSelectsSomething();
        checkWidth(true);
        JsonCompiler compiler = new JsonCompiler(reads.jsonKeys());
        return array ? compiler.array(this) : compiler.first(this);
    }

    private SelectQuery<Record> compile(Integer limitOverride) {
        checkSelectsSomething();
        checkWidth(false);
        return ReadCompiler.compile(dsl(), this, limitOverride);
    }

    private Result<Record> execute(Integer limitOverride) {
        SelectQuery<Record> query = compile(limitOverride);
        log(query);
        return query.fetch();
    }

    private JSON fetchValue(org.jooq.Select<? extends org.jooq.Record1<JSON>> select) {
        log(select);
        return dsl().fetchValue(select);
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
}

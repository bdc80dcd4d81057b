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
 * one SQL statement. A read is a builder: configure it, run it, and build a new one for the next request.
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

    Read(NestedReads reads, org.jooq.Table<R> table) {
        super(reads.relations(), table, table.getName(), 0);
        this.reads = reads;
    }

    /** All matching rows as a typed tree. */
    public List<Node<R>> findMany() {
        return NodeDecoder.decode(execute(null), this);
    }

    /** The first matching row (reads at most one), as a typed tree. */
    public Optional<Node<R>> findFirst() {
        Result<Record> rows = execute(1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0), this));
    }

    /** All matching rows mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> List<T> findMany(Class<T> type) {
        RecordMapper<T> mapper = RecordMapper.plan(type, this);
        List<Node<R>> nodes = findMany();
        List<T> mapped = new ArrayList<>(nodes.size());
        nodes.forEach(n -> mapped.add(mapper.map(n)));
        return mapped;
    }

    /** The first matching row mapped into {@code type}, a Java record (checked before the query runs). */
    public <T> Optional<T> findFirst(Class<T> type) {
        RecordMapper<T> mapper = RecordMapper.plan(type, this);
        return findFirst().map(mapper::map);
    }

    /** All matching rows as a JSON array built by PostgreSQL ({@code []} when none). */
    public String findManyJson() {
        checkSelectsSomething();
        JSON json = fetchValue(new JsonCompiler(reads.jsonKeys()).array(this));
        return json == null ? "[]" : json.data();
    }

    /** The first matching row as a JSON object built by PostgreSQL. */
    public Optional<String> findFirstJson() {
        checkSelectsSomething();
        JSON json = fetchValue(new JsonCompiler(reads.jsonKeys()).first(this));
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

    private SelectQuery<Record> compile(Integer limitOverride) {
        checkSelectsSomething();
        return ReadCompiler.compile(reads.dsl(), this, limitOverride);
    }

    private Result<Record> execute(Integer limitOverride) {
        SelectQuery<Record> query = compile(limitOverride);
        log(query);
        return query.fetch();
    }

    private JSON fetchValue(org.jooq.Select<? extends org.jooq.Record1<JSON>> select) {
        DSLContext dsl = reads.dsl();
        log(select);
        return dsl.fetchValue(select);
    }

    private void log(Query query) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}: {}", path, reads.dsl().renderInlined(query));
        }
    }
}

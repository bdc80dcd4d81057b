package io.jooqrelations.query;

import io.jooqrelations.query.internal.Cancellation;
import io.jooqrelations.query.internal.DialectSupport;
import io.jooqrelations.query.internal.JsonBackend;
import io.jooqrelations.query.internal.LevelPlan;
import io.jooqrelations.query.internal.MultisetBackend;
import io.jooqrelations.query.internal.NodeDecoder;
import io.jooqrelations.query.internal.RecordMapper;
import io.jooqrelations.query.internal.RenderedStatement;
import io.jooqrelations.query.internal.RowView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.Result;

/**
 * A read compiled once — frozen, validated and rendered to SQL — and run many times with new values for its named
 * {@link org.jooq.impl.DSL#param(String, Class) parameters}. Immutable and thread-safe: changing the {@link Read} it was
 * prepared from afterwards does not change it.
 *
 * <pre>{@code
 * PreparedRead<InvoicesRecord> detail = reads.from(INVOICES)
 *     .where(INVOICES.ID.eq(DSL.param("id", Long.class)))
 *     .with(LINE_ITEMS).with(TAGS_OF_INVOICE)
 *     .prepare();
 * Optional<Node<InvoicesRecord>> invoice = detail.findFirst(Map.of("id", 42L));
 * String json = detail.findManyJson(Map.of("id", 42L));
 * }</pre>
 *
 * @param <R> the record type of the top-level table
 */
public final class PreparedRead<R extends Record> {

    private final DSLContext dsl;
    private final LevelPlan plan;
    private final JsonKeys jsonKeys;
    private final Statement many;
    private final Statement first;
    private final Map<Class<?>, RecordMapper<?>> mappers = new ConcurrentHashMap<>();
    /** The JSON statements (many, first), rendered on first use: a read may be too wide for JSON only. */
    private volatile List<RenderedStatement> json;

    /** A rendered statement and the layout of its rows. */
    private record Statement(RenderedStatement sql, MultisetBackend.Compiled compiled) {

        List<RowView> run(DSLContext dsl, Map<String, ?> values, String path) {
            try {
                return compiled.rows(sql.execute(dsl, values, path));
            } catch (RuntimeException e) {   // jOOQ's DataAccessException, or what a listener made of it (Spring's)
                throw Cancellation.translate(e);
            }
        }
    }

    PreparedRead(DSLContext dsl, LevelPlan plan, MultisetBackend.Compiled many, MultisetBackend.Compiled first,
            JsonKeys jsonKeys) {
        this.dsl = dsl;
        this.plan = plan;
        this.jsonKeys = jsonKeys;
        this.many = new Statement(RenderedStatement.render(dsl, many.query()), many);
        this.first = new Statement(RenderedStatement.render(dsl, first.query()), first);
    }

    /** The names of the read's named parameters. */
    public Set<String> parameterNames() {
        return many.sql().parameterNames();
    }

    /** All matching rows, with {@code values} for the named parameters. */
    public List<Node<R>> findMany(Map<String, ?> values) {
        return NodeDecoder.decode(many.run(dsl, values, plan.path()));
    }

    /** The first matching row, with {@code values} for the named parameters. */
    public Optional<Node<R>> findFirst(Map<String, ?> values) {
        List<RowView> rows = first.run(dsl, values, plan.path());
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0)));
    }

    /** All matching rows mapped into a Java record type. */
    public <T> List<T> findMany(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        return mapper.mapAll(many.run(dsl, values, plan.path()));
    }

    /** The first matching row mapped into a Java record type. */
    public <T> Optional<T> findFirst(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        List<RowView> rows = first.run(dsl, values, plan.path());
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0)));
    }

    /** All matching rows as a JSON array built by the database ({@code []} when none), like {@link Read#findManyJson()}. */
    public String findManyJson(Map<String, ?> values) {
        DialectSupport.of(dsl.dialect()).checkSingleStatement(plan);
        JSON array = jsonValue(jsonStatements().get(0), values);
        return array == null ? "[]" : array.data();
    }

    /** The first matching row as a JSON object built by the database, like {@link Read#findFirstJson()}. */
    public Optional<String> findFirstJson(Map<String, ?> values) {
        DialectSupport.of(dsl.dialect()).checkSingleStatement(plan);
        return Optional.ofNullable(jsonValue(jsonStatements().get(1), values)).map(JSON::data);
    }

    private JSON jsonValue(RenderedStatement statement, Map<String, ?> values) {
        Result<Record> rows;
        try {
            rows = statement.execute(dsl, values, plan.path());
        } catch (RuntimeException e) {   // jOOQ's DataAccessException, or what a listener made of it (Spring's)
            throw JsonBackend.translate(e);
        }
        return rows.isEmpty() ? null : JsonBackend.checked((JSON) rows.get(0).get(0));
    }

    private List<RenderedStatement> jsonStatements() {
        List<RenderedStatement> statements = json;
        if (statements == null) {
            synchronized (this) {
                if (json == null) {
                    DialectSupport dialect = DialectSupport.of(dsl.dialect());
                    json = List.of(RenderedStatement.render(dsl, JsonBackend.array(plan, jsonKeys, dialect)),
                            RenderedStatement.render(dsl, JsonBackend.first(plan, jsonKeys, dialect)));
                }
                statements = json;
            }
        }
        return statements;
    }

    /** The read's shape is fixed, so each record type's mapping is planned (and checked) once. */
    @SuppressWarnings("unchecked")
    private <T> RecordMapper<T> mapper(Class<T> type) {
        if (type == null) {
            return RecordMapper.plan(type, plan); // throws the planner's message
        }
        return (RecordMapper<T>) mappers.computeIfAbsent(type, t -> RecordMapper.plan(t, plan));
    }
}

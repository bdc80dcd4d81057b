package io.jooqrelations.query;

import io.jooqrelations.query.internal.NodeDecoder;
import io.jooqrelations.query.internal.ReadBackend;
import io.jooqrelations.query.internal.ReadExecutor;
import io.jooqrelations.query.internal.ReadPlanner;
import io.jooqrelations.query.internal.RecordMapper;
import io.jooqrelations.query.internal.RenderedStatement;
import io.jooqrelations.query.internal.RowView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.JSON;
import org.jooq.Record;

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

    private final ReadExecutor executor;
    private final ReadPlanner.Planned<List<RowView>> manyPlan;
    private final Statement<List<RowView>> many;
    private final Statement<List<RowView>> first;
    private final Map<Class<?>, RecordMapper<?>> mappers = new ConcurrentHashMap<>();
    /** The JSON forms, planned when the read was prepared and checked and rendered on first use. */
    private final Lazy manyJson;
    private final Lazy firstJson;

    /** A rendered statement and the reading of its result. */
    private record Statement<T>(RenderedStatement sql, ReadBackend.Statement<T> compiled) {

        static <T> Statement<T> of(ReadPlanner.Planned<T> planned, org.jooq.DSLContext dsl) {
            ReadBackend.Statement<T> compiled = planned.backend().compile(planned.plan(), dsl);
            return new Statement<>(RenderedStatement.render(dsl, compiled.query()), compiled);
        }

        T run(ReadExecutor executor, Map<String, ?> values) {
            return executor.prepared(sql, compiled, values);
        }
    }

    /** A JSON form's statement, rendered on first use (a read may be one only JSON refuses, e.g. with a tree). */
    private static final class Lazy {
        private final Supplier<ReadPlanner.Planned<JSON>> plan;
        private volatile Statement<JSON> statement;

        Lazy(Supplier<ReadPlanner.Planned<JSON>> plan) {
            this.plan = plan;
        }

        Statement<JSON> get(org.jooq.DSLContext dsl) {
            Statement<JSON> result = statement;
            if (result == null) {
                result = Statement.of(plan.get(), dsl);
                statement = result;   // rendering twice in a race is harmless: both are the same statement
            }
            return result;
        }
    }

    PreparedRead(ReadExecutor executor, ReadPlanner.Planned<List<RowView>> many, ReadPlanner.Planned<List<RowView>> first,
            Supplier<ReadPlanner.Planned<JSON>> manyJson, Supplier<ReadPlanner.Planned<JSON>> firstJson) {
        this.executor = executor;
        this.manyPlan = many;
        this.many = Statement.of(many, executor.dsl());
        this.first = Statement.of(first, executor.dsl());
        this.manyJson = new Lazy(manyJson);
        this.firstJson = new Lazy(firstJson);
    }

    /** The names of the read's named parameters. */
    public Set<String> parameterNames() {
        return many.sql().parameterNames();
    }

    /** All matching rows, with {@code values} for the named parameters. */
    public List<Node<R>> findMany(Map<String, ?> values) {
        return NodeDecoder.decode(many.run(executor, values));
    }

    /** The first matching row, with {@code values} for the named parameters. */
    public Optional<Node<R>> findFirst(Map<String, ?> values) {
        List<RowView> rows = first.run(executor, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0)));
    }

    /** All matching rows mapped into a Java record type. */
    public <T> List<T> findMany(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        return mapper.mapAll(many.run(executor, values));
    }

    /** The first matching row mapped into a Java record type. */
    public <T> Optional<T> findFirst(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        List<RowView> rows = first.run(executor, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0)));
    }

    /** All matching rows as a JSON array built by the database ({@code []} when none), like {@link Read#findManyJson()}. */
    public String findManyJson(Map<String, ?> values) {
        JSON array = manyJson.get(executor.dsl()).run(executor, values);
        return array == null ? "[]" : array.data();
    }

    /** The first matching row as a JSON object built by the database, like {@link Read#findFirstJson()}. */
    public Optional<String> findFirstJson(Map<String, ?> values) {
        return Optional.ofNullable(firstJson.get(executor.dsl()).run(executor, values)).map(JSON::data);
    }

    /** The read's shape is fixed, so each record type's mapping is planned (and checked) once. */
    @SuppressWarnings("unchecked")
    private <T> RecordMapper<T> mapper(Class<T> type) {
        if (type == null) {
            return RecordMapper.plan(type, manyPlan.plan()); // throws the planner's message
        }
        return (RecordMapper<T>) mappers.computeIfAbsent(type, t -> RecordMapper.plan(t, manyPlan.plan()));
    }
}

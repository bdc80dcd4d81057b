package io.jooqrelations.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.ParamType;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.DSL;

/**
 * A read compiled once — built, validated and rendered to SQL — and run many times with new values for its named
 * {@link org.jooq.impl.DSL#param(String, Class) parameters}. Immutable and thread-safe.
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
    private final AbstractLevel<R, ?> level;
    private final Statement many;
    private final Statement first;
    private final Set<String> parameterNames;
    private final Map<Class<?>, RecordMapper<?>> mappers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Compiles the JSON statements (many, first); run on first use, as a read may be too wide for JSON only. */
    private final Supplier<List<Select<Record1<JSON>>>> jsonCompiler;
    private volatile List<Statement> json;

    /** One rendered statement: its SQL, the parameter of each {@code ?} in order, and the fields its rows decode into. */
    private record Statement(String sql, List<Param<?>> params, List<Field<?>> select) {
    }

    PreparedRead(DSLContext dsl, AbstractLevel<R, ?> level, SelectQuery<Record> many, SelectQuery<Record> first,
            Supplier<List<Select<Record1<JSON>>>> jsonCompiler) {
        this.dsl = dsl;
        this.level = level;
        this.many = statement(dsl, many);
        this.first = statement(dsl, first);
        this.parameterNames = namedParameters(this.many);
        this.jsonCompiler = jsonCompiler;
    }

    /**
     * Renders the query once and records the parameter behind each {@code ?}. jOOQ's {@code extractParams} cannot
     * tell: it is a map (a named parameter used twice is one entry) and it lists inline values, which have no
     * placeholder. So the parameters are collected while rendering, and checked against jOOQ's own bind values.
     */
    private static Statement statement(DSLContext dsl, Select<?> query) {
        List<Param<?>> placeholders = new ArrayList<>();
        VisitListener collector = new VisitListener() {
            @Override
            public void visitStart(VisitContext context) {
                if (context.renderContext() != null && context.queryPart() instanceof Param<?> param && !param.isInline()
                        && context.renderContext().paramType() != ParamType.INLINED) {
                    placeholders.add(param);
                }
            }
        };
        VisitListenerProvider[] listeners = java.util.Arrays.copyOf(dsl.configuration().visitListenerProviders(),
                dsl.configuration().visitListenerProviders().length + 1);
        listeners[listeners.length - 1] = new DefaultVisitListenerProvider(collector);
        String sql = DSL.using(dsl.configuration().derive(listeners)).render(query);
        List<Object> bindValues = dsl.extractBindValues(query);
        List<Object> collected = new ArrayList<>();
        placeholders.forEach(p -> collected.add(p.getValue()));
        if (!collected.equals(bindValues)) {
            throw new IllegalStateException("Preparing " + query + " found the parameters " + collected + ", but jOOQ binds "
                    + bindValues + "; please report this read.");
        }
        return new Statement(sql, List.copyOf(placeholders), List.copyOf(query.getSelect()));
    }

    /** The names of the read's named parameters. */
    public Set<String> parameterNames() {
        return parameterNames;
    }

    private static Set<String> namedParameters(Statement statement) {
        Set<String> names = new HashSet<>();
        statement.params().forEach(param -> {
            if (param.getParamName() != null) {
                names.add(param.getParamName());
            }
        });
        return Set.copyOf(names);
    }

    /** All matching rows, with {@code values} for the named parameters. */
    public List<Node<R>> findMany(Map<String, ?> values) {
        return NodeDecoder.decode(execute(many, values), level);
    }

    /** The first matching row, with {@code values} for the named parameters. */
    public Optional<Node<R>> findFirst(Map<String, ?> values) {
        Result<Record> rows = execute(first, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(NodeDecoder.decode(rows.get(0), level));
    }

    /** All matching rows mapped into a Java record type. */
    public <T> List<T> findMany(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        List<T> mapped = new ArrayList<>();
        execute(many, values).forEach(row -> mapped.add(mapper.map(row, 0)));
        return mapped;
    }

    /** The first matching row mapped into a Java record type. */
    public <T> Optional<T> findFirst(Class<T> type, Map<String, ?> values) {
        RecordMapper<T> mapper = mapper(type);
        Result<Record> rows = execute(first, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(mapper.map(rows.get(0), 0));
    }

    /** All matching rows as a JSON array built by PostgreSQL ({@code []} when none), like {@link Read#findManyJson()}. */
    public String findManyJson(Map<String, ?> values) {
        JSON array = jsonValue(jsonStatements().get(0), values);
        return array == null ? "[]" : array.data();
    }

    /** The first matching row as a JSON object built by PostgreSQL, like {@link Read#findFirstJson()}. */
    public Optional<String> findFirstJson(Map<String, ?> values) {
        return Optional.ofNullable(jsonValue(jsonStatements().get(1), values)).map(JSON::data);
    }

    private JSON jsonValue(Statement statement, Map<String, ?> values) {
        Result<Record> rows = execute(statement, values);
        return rows.isEmpty() ? null : (JSON) rows.get(0).get(0);
    }

    private List<Statement> jsonStatements() {
        List<Statement> statements = json;
        if (statements == null) {
            synchronized (this) {
                if (json == null) {
                    List<Select<Record1<JSON>>> selects = jsonCompiler.get();
                    json = List.of(statement(dsl, selects.get(0)), statement(dsl, selects.get(1)));
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
            return RecordMapper.plan(type, level); // throws the planner's message
        }
        return (RecordMapper<T>) mappers.computeIfAbsent(type, t -> RecordMapper.plan(t, level));
    }

    private Result<Record> execute(Statement statement, Map<String, ?> values) {
        if (values == null) {
            throw new InvalidReadException("The values of prepared read " + level.path + " are null; pass Map.of() when "
                    + "it has no parameters.");
        }
        Set<String> known = parameterNames;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidReadException("Prepared read " + level.path + " has no parameter '" + name + "'; its "
                        + "parameters are " + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
            }
        }
        Object[] bindings = new Object[statement.params().size()];
        for (int i = 0; i < bindings.length; i++) {
            Param<?> param = statement.params().get(i);
            String name = param.getParamName();
            if (name != null && values.containsKey(name)) {
                bindings[i] = bind(values.get(name), param);
            } else if (name != null && param.getValue() == null) {
                throw new InvalidReadException("Prepared read " + level.path + " needs a value for parameter '" + name
                        + "'.");
            } else {
                bindings[i] = param;
            }
        }
        return dsl.resultQuery(statement.sql(), bindings).coerce(statement.select()).fetch();
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> bind(Object value, Param<T> param) {
        return DSL.val((T) param.getDataType().convert(value), param.getDataType());
    }
}

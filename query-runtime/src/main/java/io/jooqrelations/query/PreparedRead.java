package io.jooqrelations.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectQuery;
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
 * }</pre>
 *
 * @param <R> the record type of the top-level table
 */
public final class PreparedRead<R extends Record> {

    private final DSLContext dsl;
    private final AbstractLevel<R, ?> level;
    private final Statement many;
    private final Statement first;

    /** One rendered statement: its SQL, its parameters in bind order, and the fields its rows decode into. */
    private record Statement(String sql, List<Map.Entry<String, Param<?>>> params, List<Field<?>> select) {
    }

    PreparedRead(DSLContext dsl, AbstractLevel<R, ?> level, SelectQuery<Record> many, SelectQuery<Record> first) {
        this.dsl = dsl;
        this.level = level;
        this.many = statement(dsl, many);
        this.first = statement(dsl, first);
    }

    private static Statement statement(DSLContext dsl, SelectQuery<Record> query) {
        return new Statement(dsl.render(query), List.copyOf(dsl.extractParams(query).entrySet()),
                List.copyOf(query.getSelect()));
    }

    /** The names of the read's named parameters. */
    public Set<String> parameterNames() {
        Set<String> names = new HashSet<>();
        many.params().forEach(e -> {
            if (!e.getValue().isInline() && e.getValue().getParamName() != null) {
                names.add(e.getKey());
            }
        });
        return names;
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
        RecordMapper<T> mapper = RecordMapper.plan(type, level);
        List<T> mapped = new ArrayList<>();
        findMany(values).forEach(n -> mapped.add(mapper.map(n)));
        return mapped;
    }

    private Result<Record> execute(Statement statement, Map<String, ?> values) {
        if (values == null) {
            throw new InvalidReadException("The values of prepared read " + level.path + " are null; pass Map.of() when "
                    + "it has no parameters.");
        }
        Set<String> known = parameterNames();
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidReadException("Prepared read " + level.path + " has no parameter '" + name + "'; its "
                        + "parameters are " + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
            }
        }
        Object[] bindings = new Object[statement.params().size()];
        for (int i = 0; i < bindings.length; i++) {
            Map.Entry<String, Param<?>> entry = statement.params().get(i);
            Param<?> param = entry.getValue();
            if (values.containsKey(entry.getKey())) {
                bindings[i] = bind(values.get(entry.getKey()), param);
            } else if (known.contains(entry.getKey()) && param.getValue() == null) {
                throw new InvalidReadException("Prepared read " + level.path + " needs a value for parameter '"
                        + entry.getKey() + "'.");
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

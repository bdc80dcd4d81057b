package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;

/**
 * A statement rendered once, for a prepared read: its SQL, the parameter behind each {@code ?} in order, and the fields
 * its rows decode into. Each run binds new values for the named parameters.
 */
public final class RenderedStatement {

    private final String sql;
    private final List<Param<?>> params;
    /** Parameters jOOQ wrote into the SQL as literals although they are not inline values (see {@link #render}). */
    private final Set<Param<?>> inlined;
    /** The SQL cut at its parameters, or null when it could not be (then jOOQ parses {@link #sql} on each run). */
    private final SqlTemplate template;
    private final List<Field<?>> select;
    private final Set<String> parameterNames;
    /** A statement to run first on the same connection, or null (see {@link #render}). */
    private final String sessionSetup;

    private RenderedStatement(String sql, List<Param<?>> params, Set<Param<?>> inlined, SqlTemplate template,
            List<Field<?>> select, String sessionSetup) {
        this.sql = sql;
        this.template = template;
        this.sessionSetup = sessionSetup;
        this.params = params;
        this.inlined = inlined;
        this.select = select;
        Set<String> names = new HashSet<>();
        params.forEach(param -> {
            if (param.getParamName() != null) {
                names.add(param.getParamName());
            }
        });
        this.parameterNames = Set.copyOf(names);
    }

    /**
     * Renders the query once and records the parameter behind each {@code ?}. jOOQ's {@code extractParams} cannot tell:
     * it is a map (a named parameter used twice is one entry) and it lists inline values, which have no placeholder. So
     * the parameters are collected while rendering, and checked against jOOQ's own bind values. Parameters that jOOQ
     * writes as literals in some place (a context where it inlines, or above its bind value limit) are collected too:
     * the {@link RenderCache} must not reuse SQL that holds a value.
     */
    public static RenderedStatement render(DSLContext dsl, Select<?> query) {
        List<Param<?>> placeholders = new ArrayList<>();
        // where each placeholder's text starts and ends in the SQL, to cut it into a template
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        Set<Param<?>> inlined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        VisitListener collector = new VisitListener() {
            @Override
            public void visitStart(VisitContext context) {
                if (context.renderContext() != null && context.queryPart() instanceof Param<?> param && !param.isInline()) {
                    if (context.renderContext().paramType() == ParamType.INLINED) {
                        inlined.add(param);
                    } else {
                        placeholders.add(param);
                        if (starts.size() < SqlTemplate.MAX_PARAMETERS) {
                            starts.add(context.renderContext().render().length());
                        }
                    }
                }
            }

            @Override
            public void visitEnd(VisitContext context) {
                if (context.renderContext() != null && context.queryPart() instanceof Param<?> param && !param.isInline()
                        && context.renderContext().paramType() != ParamType.INLINED
                        && ends.size() < SqlTemplate.MAX_PARAMETERS) {
                    ends.add(context.renderContext().render().length());
                }
            }
        };
        VisitListenerProvider[] own = dsl.configuration().visitListenerProviders();
        VisitListenerProvider[] listeners = Arrays.copyOf(own, own.length + 1);
        listeners[own.length] = new DefaultVisitListenerProvider(collector);
        // jOOQ writes its MULTISET emulation for MariaDB and MySQL behind "set @@group_concat_max_len = ..." statements
        // in the same string; run as plain SQL, their update counts would come before the rows. The prepared SQL is the
        // select alone, and the session's limit is raised by a statement of its own before each run.
        boolean groupConcat = DialectSupport.of(dsl.dialect()).emulatesWithGroupConcat();
        org.jooq.conf.Settings settings = org.jooq.conf.SettingsTools.clone(dsl.settings())
                .withRenderGroupConcatMaxLenSessionVariable(!groupConcat);
        DSLContext rendering = DSL.using(dsl.configuration().derive(settings));
        String sql = DSL.using(rendering.configuration().derive(listeners)).render(query);
        List<Object> bindValues = dsl.extractBindValues(query);
        List<Object> collected = new ArrayList<>();
        placeholders.forEach(p -> collected.add(p.getValue()));
        if (!collected.equals(bindValues)) {
            throw new IllegalStateException("Preparing " + query + " found the parameters " + collected + ", but jOOQ "
                    + "binds " + bindValues + "; please report this read.");
        }
        return new RenderedStatement(sql, List.copyOf(placeholders), inlined,
                SqlTemplate.of(rendering, sql, placeholders, starts, ends), List.copyOf(query.getSelect()),
                groupConcat ? "set @@group_concat_max_len = 4294967295" : null);
    }

    /**
     * This statement as a cache keeps it: no parameters (their values are the first read's), and each selected field
     * reduced to its name and type, which is all reading a row by position needs (the expressions may hold values).
     * It runs only with {@link #execute(DSLContext, Param[])}.
     */
    RenderedStatement withoutValues() {
        return new RenderedStatement(sql, List.of(), Set.of(), template, withoutValues(select), sessionSetup);
    }

    /** Each field reduced to its name and type. */
    private static List<Field<?>> withoutValues(List<? extends Field<?>> fields) {
        List<Field<?>> types = new ArrayList<>(fields.size());
        for (Field<?> field : fields) {
            types.add(DSL.field(DSL.name(field.getName()), field.getDataType()));
        }
        return List.copyOf(types);
    }

    /** The SQL, with {@code ?} for each of {@link #placeholders()}. */
    String sql() {
        return sql;
    }

    /** The parameter behind each {@code ?}, in order. */
    List<Param<?>> placeholders() {
        return params;
    }

    /** Whether jOOQ wrote {@code param} into the SQL as a literal somewhere. */
    boolean inlines(Param<?> param) {
        return inlined.contains(param);
    }

    /** The names of the statement's named parameters. */
    public Set<String> parameterNames() {
        return parameterNames;
    }

    /** Runs the statement with {@code values} for its named parameters ({@code path} names the read in messages). */
    public Result<Record> execute(DSLContext dsl, Map<String, ?> values, String path) {
        if (values == null) {
            throw new InvalidReadException("The values of prepared read " + path + " are null; pass Map.of() when it "
                    + "has no parameters.");
        }
        for (String name : values.keySet()) {
            if (!parameterNames.contains(name)) {
                throw new InvalidReadException("Prepared read " + path + " has no parameter '" + name + "'; its "
                        + "parameters are " + (parameterNames.isEmpty() ? "none" : String.join(", ", parameterNames))
                        + ".");
            }
        }
        Param<?>[] bindings = new Param<?>[params.size()];
        for (int i = 0; i < bindings.length; i++) {
            Param<?> param = params.get(i);
            String name = param.getParamName();
            if (name != null && values.containsKey(name)) {
                bindings[i] = bind(values.get(name), param, path);
            } else if (name != null && param.getValue() == null) {
                throw new InvalidReadException("Prepared read " + path + " needs a value for parameter '" + name + "'.");
            } else {
                bindings[i] = param;
            }
        }
        return execute(dsl, bindings);
    }

    /** Runs the statement with {@code bindings}, one {@link Param} per {@code ?}. */
    Result<Record> execute(DSLContext dsl, Param<?>[] bindings) {
        if (sessionSetup == null) {
            return query(dsl, bindings).fetch();
        }
        return dsl.connectionResult(connection -> {
            try (java.sql.Statement setup = connection.createStatement()) {
                setup.execute(sessionSetup);
            }
            return query(DSL.using(dsl.configuration().derive(new org.jooq.impl.DefaultConnectionProvider(connection))),
                    bindings).fetch();
        });
    }

    /** Whether runs write out the SQL from its template (no plain SQL string to parse). */
    boolean templated() {
        return template != null;
    }

    /** The statement with {@code bindings}, one {@link Param} per {@code ?}, on {@code dsl}. */
    org.jooq.ResultQuery<Record> query(DSLContext dsl, Param<?>[] bindings) {
        org.jooq.ResultQuery<Record> query = template != null ? dsl.resultQuery("{0}", template.with(bindings))
                : dsl.resultQuery(sql, (Object[]) bindings);
        return query.coerce(select);
    }

    /** The value as the parameter's type; a value that type cannot hold is refused here, naming the parameter. */
    @SuppressWarnings("unchecked")
    private static <T> Param<T> bind(Object value, Param<T> param, String path) {
        T converted;
        try {
            converted = (T) param.getDataType().convert(value);
        } catch (org.jooq.exception.DataTypeException e) {
            converted = null;
        }
        // jOOQ converts what it cannot read (a text that is no number) to null: that would match nothing, silently
        if (converted == null && value != null) {
            throw new InvalidReadException("Prepared read " + path + ": parameter '" + param.getParamName() + "' is a "
                    + param.getDataType().getType().getSimpleName() + ", but was given " + value + " ("
                    + value.getClass().getSimpleName() + "); pass a value of that type.");
        }
        return DSL.val(converted, param.getDataType());
    }
}

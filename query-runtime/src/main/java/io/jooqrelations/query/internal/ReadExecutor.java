package io.jooqrelations.query.internal;

import io.jooqrelations.query.JitGuard;
import io.jooqrelations.query.ReadDataException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.RelationsException;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the statements of one read, for every terminal call of {@code Read} and {@code PreparedRead}: the one place that
 * owns the render cache lookup, the read's timeout, the log of each statement, PostgreSQL's JIT guard (a read runs on a
 * connection held with {@code jit} off when {@link JitGuard} says so: {@link JitTrapCheck}, {@link JitOff}) and what a
 * failure becomes. Back ends
 * render and read; they run their statements through {@link #statement}/{@link #fetch} and catch nothing. The only
 * {@code catch} of a read's failure is here ({@link #translate}): a statement the database stopped becomes a
 * {@code ReadTimeoutException}, one cancelled by an interrupt a {@code ReadCancelledException}
 * ({@link Cancellation}), a required relation without a row (raised inside a JSON statement) or a value no converter
 * could read a {@link ReadDataException}; anything else stays as it was.
 */
public final class ReadExecutor {

    /** The logger users switch to DEBUG to see each statement with its values (documented under this name). */
    private static final Logger LOG = LoggerFactory.getLogger("io.jooqrelations.query.Read");

    private final DSLContext application;
    private final DSLContext dsl;
    private final RenderCache cache;
    private final Relations graph;
    private final String path;
    private final JitGuard jitGuard;

    private ReadExecutor(DSLContext application, DSLContext dsl, RenderCache cache, Relations graph, String path,
            JitGuard jitGuard) {
        this.application = application;
        this.dsl = dsl;
        this.cache = cache;
        this.graph = graph;
        this.path = path;
        this.jitGuard = jitGuard;
    }

    /**
     * The executor of a read of {@code path} in {@code graph} on the application's context {@code dsl}, with
     * {@code cache} (null: every statement rendered for its read) and a timeout of {@code timeoutSeconds} (null: the
     * context's own), guarded against PostgreSQL's JIT trap as {@code jitGuard} says.
     */
    public static ReadExecutor of(DSLContext dsl, RenderCache cache, Integer timeoutSeconds, Relations graph,
            String path, JitGuard jitGuard) {
        DSLContext reads = timeoutSeconds == null ? dsl
                : DSL.using(dsl.configuration().derive(SettingsTools.clone(dsl.settings()).withQueryTimeout(timeoutSeconds)));
        return new ReadExecutor(dsl, reads, cache, graph, path, jitGuard);
    }

    /** This executor running its statements on {@code pinned}, a context on one held connection. */
    private ReadExecutor on(DSLContext pinned) {
        return new ReadExecutor(application, pinned, cache, graph, path, jitGuard);
    }

    /**
     * Whether this read runs with PostgreSQL's JIT off: always with {@link JitGuard#ALWAYS}, while the graph meets the
     * trap with {@link JitGuard#AUTO} (whose check also runs, for its warning, with {@link JitGuard#OFF}); never on
     * another dialect.
     */
    private boolean withoutJit() {
        boolean trapped = JitTrapCheck.trapped(graph, application);
        return switch (jitGuard) {
            case AUTO -> trapped;
            case ALWAYS -> application.dialect().family() == SQLDialect.POSTGRES;
            case OFF -> false;
        };
    }

    /**
     * Runs {@code read} with this executor, or, when the read runs without JIT ({@link #withoutJit()}), with one on a
     * connection held with {@code jit} off until it returns.
     */
    private <T> T guarded(Function<ReadExecutor, T> read) {
        if (!withoutJit()) {
            return read.apply(this);
        }
        try (JitOff off = JitOff.hold(dsl)) {
            return read.apply(on(off.dsl()));
        }
    }

    /** The context statements run on: the application's, with the read's timeout. */
    public DSLContext dsl() {
        return dsl;
    }

    /** Reads a frozen plan with the back end the planner chose for it. */
    public <T> T read(ReadPlanner.Planned<T> planned) {
        try {
            return guarded(executor -> planned.backend().read(planned.plan(), executor));
        } catch (RuntimeException e) {   // jOOQ's DataAccessException, or what a listener made of it (Spring's)
            throw translate(e, path);
        }
    }

    /** Runs a prepared read's statement with {@code values} for its named parameters, read by {@code statement}. */
    public <T> T prepared(RenderedStatement sql, ReadBackend.Statement<T> statement, Map<String, ?> values) {
        try {
            if (LOG.isDebugEnabled()) {
                LOG.debug("nested read of {} (prepared): {} -- {}", path, sql.sql(), values);
            }
            return guarded(executor -> statement.read(sql.execute(executor.dsl, values, path)));
        } catch (RuntimeException e) {
            throw translate(e, path);
        }
    }

    /**
     * The top-level rows of the one statement of {@code planned}, read {@code fetchSize} at a time while the caller
     * consumes the stream: failures of the rows read later are translated too. Without JIT, the stream holds its
     * connection with {@code jit} off until it is closed.
     */
    public Stream<RowView> stream(ReadPlanner.Planned<List<RowView>> planned, int fetchSize) {
        JitOff off;
        try {
            off = withoutJit() ? JitOff.hold(dsl) : null;
        } catch (RuntimeException e) {
            throw translate(e, path);
        }
        try {
            Stream<RowView> rows = stream(planned, fetchSize, off == null ? dsl : off.dsl());
            return off == null ? rows : rows.onClose(off::close);
        } catch (RuntimeException e) {
            if (off != null) {
                try {
                    off.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The stream of {@code planned}'s rows, its statement run on {@code on}. */
    private Stream<RowView> stream(ReadPlanner.Planned<List<RowView>> planned, int fetchSize, DSLContext on) {
        MultisetBackend.Compiled compiled = (MultisetBackend.Compiled) planned.backend().compile(planned.plan(), on);
        compiled.query().fetchSize(fetchSize);
        log(compiled.query());
        Stream<Record> rows;
        try {
            rows = compiled.query().fetchStream();
        } catch (RuntimeException e) {
            throw translate(e, path);
        }
        Spliterator<Record> source = rows.spliterator();
        Spliterator<RowView> views = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super RowView> action) {
                Record[] next = new Record[1];
                boolean advanced;
                try {   // only the read of the next row: what the caller's own code throws stays its own
                    advanced = source.tryAdvance(row -> next[0] = row);
                } catch (RuntimeException e) {
                    throw translate(e, path);
                }
                if (advanced) {
                    action.accept(compiled.row(next[0]));
                }
                return advanced;
            }
        };
        return StreamSupport.stream(views, false).onClose(rows::close);
    }

    /**
     * The statement of running {@code plan} as {@code form} (see {@link RenderCache#statement}): from the render cache
     * when the read has one and may use it (a page after a cursor adds its seek values: never cached), else compiled now.
     */
    <C> RenderCache.Statement<C> statement(LevelPlan plan, String form, Supplier<C> compile,
            Function<C, Select<?>> query, RenderCache.Decoding<C> decoding) {
        if (cache == null || !plan.seekAfter().isEmpty()) {
            C compiled = compile.get();
            return RenderCache.Statement.uncached(compiled, query.apply(compiled));
        }
        return cache.statement(plan, form, dsl, compile, query, decoding);
    }

    /** Runs a statement of the read (logged at DEBUG with its values). */
    Result<? extends Record> fetch(RenderCache.Statement<?> statement) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}: {}", path, statement.inlined(application));
        }
        return statement.fetch(dsl);
    }

    /**
     * Runs one query of a read that runs several (query per level) on {@code on}, the read's context or one pinned to
     * the connection of the read's snapshot.
     */
    <R extends Record> Result<R> fetch(DSLContext on, ResultQuery<R> query, String level) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}, query per level, {}: {}", path, level, application.renderInlined(query));
        }
        return on.fetch(query);
    }

    private void log(Query query) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("nested read of {}: {}", path, application.renderInlined(query));
        }
    }

    /**
     * What a failed read throws: the library's own exceptions as they are; a stopped or cancelled statement as its
     * type ({@link Cancellation#translate}); a required relation without a row that a JSON statement raised, or a value
     * that could not be converted to its Java type, as a {@link ReadDataException}; anything else unchanged. Takes any
     * exception, not only jOOQ's: an {@code ExecuteListener} may have replaced it (Spring Boot's turns it into Spring's),
     * and the {@code SQLException} is still in its causes.
     */
    static RuntimeException translate(RuntimeException e, String path) {
        if (e instanceof RelationsException) {
            return e;
        }
        RuntimeException stopped = Cancellation.translate(e);
        if (stopped != e) {
            return stopped;
        }
        String missing = JsonBackend.missingRequired(e);
        if (missing != null) {
            return new ReadDataException(missing, sqlState(e), e);
        }
        String unreadable = unreadableValue(e);
        if (unreadable != null) {
            return new ReadDataException("A value read at " + path + " could not be converted to its Java type"
                    + unreadable + ". Check the converter or forced type of the column it belongs to.", null, e);
        }
        return e;
    }

    /** How jOOQ reports a value it could not read: its message names the field and its JDBC index. */
    private static final java.util.regex.Pattern READING_FIELD =
            java.util.regex.Pattern.compile("Error while reading field: (.*), at JDBC index: \\d+");

    /**
     * What went wrong when {@code e} is a value jOOQ could not read into its Java type while it read a field of the
     * result (its "Error while reading field" without any {@code SQLException}: the failure is in Java — a converter, a
     * forced type — not in the database), as text for the message: the field and the innermost cause's message, never
     * the SQL; null for any other failure (a value the caller bound, say, stays what jOOQ made of it).
     */
    private static String unreadableValue(RuntimeException e) {
        if (sqlState(e) != null) {
            return null;
        }
        String field = null;
        Throwable cause = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            java.util.regex.Matcher reading = t.getMessage() == null ? null : READING_FIELD.matcher(t.getMessage());
            if (reading != null && reading.find()) {
                field = reading.group(1);
            }
            cause = t;
        }
        return field == null ? null : " (field " + field + "): " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
    }

    /** The SQLSTATE of the first {@code SQLException} among {@code e}'s causes, or null. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

package io.jooqrelations.query.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements of the reads run through one jOOQ {@link Configuration}, rendered once per read shape: a read whose
 * {@link ShapeKey} was seen before runs the SQL rendered then, bound with its own values, instead of building and
 * rendering the nested statement again (most of what an unprepared read costs on the client).
 *
 * <p>A shape is cached only when every {@code ?} of its statement is a bind parameter of the key's expressions and
 * every such parameter is a {@code ?} (never written into the SQL as a literal); any other shape is rendered on every
 * read, as without a cache, and so is a statement of more than {@value #MAX_BIND_VALUES} bind values. There is no
 * cache when the configuration has {@code VisitListener}s (they may change the SQL per read, e.g. a tenant filter) or
 * renders static statements, nor on MariaDB and MySQL (jOOQ sends their MULTISET emulation as several statements,
 * {@code set @@group_concat_max_len} around the select, which a cached plain SQL string could only run as a separate
 * round trip). At most {@value #MAX_SHAPES} shapes are kept per
 * configuration; beyond that the cache starts afresh.
 *
 * <p>With the system property {@code jooqrelations.renderCache.verify=true} (the test suites set it), every read that
 * uses a cached statement also renders its own and fails unless both have the same SQL and bind values.
 */
public final class RenderCache {

    private static final Logger LOG = LoggerFactory.getLogger(RenderCache.class);

    /** Shapes kept per configuration: far more than an application writes, few enough to bound the memory. */
    static final int MAX_SHAPES = 2_000;

    /**
     * Statements with more bind values than this are rendered every time: an {@code in (...)} list of a new length is a
     * new shape, and long lists would fill the cache with statements that are rarely read twice.
     */
    static final int MAX_BIND_VALUES = 256;

    /** What a shape that must be rendered on every read keeps: nothing. */
    private static final Entry UNCACHEABLE = new Entry(null, null, null);

    private static final boolean VERIFY = Boolean.getBoolean("jooqrelations.renderCache.verify");

    /** One cache per application configuration, for as long as the configuration lives. */
    private static final Map<Configuration, RenderCache> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

    private final SQLDialect dialect;
    private final Settings settings;
    private final DSLContext reads;
    private final KeyFragments fragments;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();

    /** A shape within its graph (the same relation names mean other relations in another graph). */
    private record Key(List<Object> parts, Object graph) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.graph == graph && other.parts.equals(parts);
        }

        @Override
        public int hashCode() {
            return parts.hashCode() * 31 + System.identityHashCode(graph);
        }
    }

    /**
     * A shape's statement and, per {@code ?}, the position of its value among the key's parameters; a shape that must
     * be rendered every time has neither.
     */
    private record Entry(Object compiled, RenderedStatement statement, int[] binding) {
    }

    /**
     * A read's statement: what its back end compiled (the first read's, for a cached shape) and either the cached SQL
     * with this read's values, or the query to run as it is.
     *
     * @param <C> what the back end compiles (the typed back end's layout, or the JSON select)
     */
    public static final class Statement<C> {

        private final C compiled;
        private final Select<?> query;
        private final RenderedStatement rendered;
        private final Param<?>[] bindings;

        private Statement(C compiled, Select<?> query, RenderedStatement rendered, Param<?>[] bindings) {
            this.compiled = compiled;
            this.query = query;
            this.rendered = rendered;
            this.bindings = bindings;
        }

        /** A statement built and rendered for this read alone: where there is no cache, or it cannot serve the read. */
        public static <C> Statement<C> uncached(C compiled, Select<?> query) {
            return new Statement<>(compiled, query, null, null);
        }

        private static <C> Statement<C> uncached(Supplier<C> compile, Function<C, Select<?>> query) {
            C compiled = compile.get();
            return uncached(compiled, query.apply(compiled));
        }

        public C compiled() {
            return compiled;
        }

        /** Runs it on {@code dsl} (the read's context: its timeout applies). */
        public Result<? extends Record> fetch(DSLContext dsl) {
            return rendered != null ? rendered.execute(dsl, bindings) : dsl.fetch(query);
        }

        /** The SQL with its values, for the debug log. */
        public String inlined(DSLContext dsl) {
            return rendered != null ? rendered.sql() + " -- " + Arrays.toString(bindings) : dsl.renderInlined(query);
        }
    }

    private RenderCache(DSLContext reads) {
        this.reads = reads;
        this.dialect = reads.dialect();
        this.settings = reads.settings();
        this.fragments = new KeyFragments(reads);
    }

    /**
     * The cache of reads through {@code reads}, the reading context derived from the application's {@code application}
     * configuration; null when every read must be rendered (see the class comment). A configuration whose settings or
     * dialect changed since gets a new cache.
     */
    public static RenderCache of(Configuration application, DSLContext reads) {
        if (application.visitListenerProviders().length > 0
                || reads.settings().getStatementType() == StatementType.STATIC_STATEMENT
                || DialectSupport.of(reads.dialect()).emulatesWithGroupConcat()) {
            return null;
        }
        synchronized (CACHES) {
            RenderCache cache = CACHES.get(application);
            if (cache == null || cache.dialect != reads.dialect() || !cache.settings.equals(reads.settings())) {
                cache = new RenderCache(reads);
                CACHES.put(application, cache);
            }
            return cache;
        }
    }

    /**
     * The statement of running {@code plan} as {@code form} (the output and whatever else the back end is given besides
     * the plan, e.g. {@code "rows limit=1 grouped=NEVER"}): {@code compile} builds the back end's result,
     * {@code query} is its select.
     */
    public <C> Statement<C> statement(LevelPlan plan, String form, Supplier<C> compile, Function<C, Select<?>> query) {
        ShapeKey shape;
        try {
            shape = ShapeKey.of(fragments, plan, form);
        } catch (RuntimeException e) {   // an expression that jOOQ cannot render on its own: render the whole statement
            LOG.debug("no render cache for a read of {}: {}", plan.path(), e.toString());
            return Statement.uncached(compile, query);
        }
        if (shape.params().size() > MAX_BIND_VALUES) {   // its statement binds at least as many: never cached
            return Statement.uncached(compile, query);
        }
        Key key = new Key(shape.parts(), shape.graph());
        Entry entry = entries.get(key);
        if (entry == null) {
            C compiled = compile.get();
            Select<?> select = query.apply(compiled);
            RenderedStatement rendered = RenderedStatement.render(reads, select);
            int[] binding = binding(rendered, shape.params());
            if (binding == null) {
                LOG.debug("the statement of {} is rendered on every read: it holds values outside its key's "
                        + "parameters", plan.path());
            }
            if (entries.size() >= MAX_SHAPES) {
                entries.clear();
            }
            entries.putIfAbsent(key, binding == null ? UNCACHEABLE : new Entry(compiled, rendered, binding));
            return binding == null ? Statement.uncached(compiled, select)
                    : new Statement<>(compiled, select, rendered, bind(binding, shape.params()));
        }
        if (entry == UNCACHEABLE) {
            return Statement.uncached(compile, query);
        }
        Param<?>[] bindings = bind(entry.binding(), shape.params());
        hits.increment();
        if (VERIFY) {
            verify(entry, bindings, query.apply(compile.get()), shape);
        }
        @SuppressWarnings("unchecked")
        C compiled = (C) entry.compiled();
        return new Statement<>(compiled, null, entry.statement(), bindings);
    }

    /** The number of shapes known, cached or not (for tests). */
    public int size() {
        return entries.size();
    }

    /** How many reads ran a statement rendered for an earlier read (for tests). */
    public long hits() {
        return hits.sum();
    }

    /**
     * Per {@code ?} of {@code rendered}, the position of its parameter among {@code params}; null unless each
     * {@code ?} is one of {@code params} and each of {@code params} is bound (not written into the SQL) at least once.
     */
    private static int[] binding(RenderedStatement rendered, List<Param<?>> params) {
        Map<Param<?>, Integer> positions = new IdentityHashMap<>();
        for (int i = params.size() - 1; i >= 0; i--) {
            positions.put(params.get(i), i);
        }
        List<Param<?>> placeholders = rendered.placeholders();
        Set<Param<?>> bound = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] binding = new int[placeholders.size()];
        for (int i = 0; i < binding.length; i++) {
            Integer position = positions.get(placeholders.get(i));
            if (position == null) {
                return null;
            }
            binding[i] = position;
            bound.add(placeholders.get(i));
        }
        for (Param<?> param : params) {
            if (!bound.contains(param) || rendered.inlines(param)) {
                return null;
            }
        }
        return binding;
    }

    private static Param<?>[] bind(int[] binding, List<Param<?>> params) {
        Param<?>[] bindings = new Param<?>[binding.length];
        for (int i = 0; i < binding.length; i++) {
            bindings[i] = params.get(binding[i]);
        }
        return bindings;
    }

    /** The verification mode: the cached SQL and this read's values must be what rendering this read gives. */
    private void verify(Entry entry, Param<?>[] bindings, Select<?> fresh, ShapeKey shape) {
        RenderedStatement rendered = RenderedStatement.render(reads, fresh);
        Object[] expected = rendered.placeholders().stream().map(Param::getValue).toArray();
        Object[] actual = Arrays.stream(bindings).map(Param::getValue).toArray();
        if (!rendered.sql().equals(entry.statement().sql()) || !Arrays.deepEquals(expected, actual)) {
            throw new IllegalStateException("The render cache gave a read the statement of another shape.\nkey: "
                    + shape.describe() + "\ncached:   " + entry.statement().sql() + " "
                    + Arrays.toString(actual) + "\nrendered: " + rendered.sql() + " " + Arrays.toString(expected));
        }
    }
}

package io.jooqrelations.query.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements of nested reads, rendered once per read shape: a read whose {@link ShapeKey} was seen before runs the
 * SQL rendered then, bound with its own values, and decodes its rows with the layout compiled then, instead of building
 * and rendering the nested statement again (most of what an unprepared read costs on the client).
 *
 * <h2>Why a reused statement is the read's own</h2>
 * A cached statement may serve a read only when rendering that read afresh would give the same SQL and the same
 * decoders. The argument, part by part:
 * <ul>
 * <li><b>The SQL</b> is a function of the plan's structure, the expressions in it, the dialect and the settings. The
 * key writes the plan's structure and the common expressions part by part; any other expression is rendered into the
 * key by jOOQ itself, with {@code ?} for its values — and only when jOOQ's own code renders it: a read holding a query
 * part of another class (a {@code CustomField}, a user's {@code QueryPart}) is not cached ({@link KeyFragments}). One
 * cache serves exactly one dialect and one set of settings; a configuration with {@code VisitListener}s (which may
 * change the SQL per read) has none.</li>
 * <li><b>The values</b> are bound by position: the statement's {@code i}-th {@code ?} takes the value in the same
 * place of the key as the first read's did. That place is found by object identity when the shape is first rendered,
 * so a read in which one {@link org.jooq.Param} object stands in two places never defines a shape (it cannot say which
 * {@code ?} is which place); it may run a shape another read defined. A value jOOQ writes into the SQL as a literal,
 * or whose SQL depends on the value and not its type ({@code OTHER}, a user's {@code Binding}), makes the shape
 * uncacheable.</li>
 * <li><b>The decoding</b> (the row layout, the direct JSON decoders, the types the rows are read as) depends on the
 * plan's structure and on each value's type, converter and binding. The key holds the converters and bindings by what
 * their behaviour depends on ({@link BehaviourKey}): by class and final field values, or by identity. What is kept is
 * the layout without the first read's plan, and the types without the first read's expressions; a later read's rows
 * are read through its own plan ({@link Decoding#reuse}).</li>
 * </ul>
 * Statements with more than {@value #MAX_BIND_VALUES} bind values are rendered every time, and MariaDB's and MySQL's
 * reads too (jOOQ sends their MULTISET emulation as several statements, {@code set @@group_concat_max_len} around the
 * select, which a cached plain SQL string could only run as a separate round trip), as are static statements.
 *
 * <h2>Where caches live</h2>
 * Rendering depends on the dialect and the settings, not on the connection or the transaction: so there is one cache
 * per dialect and settings, shared by every configuration that has them — the application's and every
 * {@code Configuration} derived from it per transaction (Spring's, {@code dsl.transactionResult(cfg -> ...)}). A cache
 * renders with a context of its own made of just the dialect and a copy of the settings, and keeps no configuration,
 * connection, plan or bind value of any read. It holds at most {@value #MAX_SHAPES} shapes and forgets the least
 * recently used ones; at most {@value #MAX_CACHES} caches are kept, likewise.
 *
 * <p>With the system property {@code jooqrelations.renderCache.verify=true} (the test suites set it), every read that
 * uses a cached statement is also compiled and rendered on its own through its own context, and fails unless both have
 * the same SQL, the same bind values and the same decoding (row layout, direct decoders, each value's type, converter
 * and binding).
 */
public final class RenderCache {

    private static final Logger LOG = LoggerFactory.getLogger(RenderCache.class);

    /** Shapes kept per cache: far more than an application writes, few enough to bound the memory. */
    static final int MAX_SHAPES = 2_000;

    /** Caches kept: one per dialect and settings an application renders with. */
    static final int MAX_CACHES = 64;

    /**
     * Statements with more bind values than this are rendered every time: an {@code in (...)} list of a new length is a
     * new shape, and long lists would fill the cache with statements that are rarely read twice.
     */
    static final int MAX_BIND_VALUES = 256;

    /** What a shape that must be rendered on every read keeps: nothing. */
    private static final Entry UNCACHEABLE = new Entry(null, null, null, null);

    private static final boolean VERIFY = Boolean.getBoolean("jooqrelations.renderCache.verify");

    /** What decides rendering: the caches by it. The settings are a copy of the cache's own (settings are mutable). */
    private record Rendering(SQLDialect dialect, Settings settings) {
    }

    private static final LruMap<Rendering, RenderCache> CACHES = new LruMap<>(MAX_CACHES);

    private final DSLContext rendering;
    private final KeyFragments fragments;
    private final LruMap<Key, Entry> entries = new LruMap<>(MAX_SHAPES);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

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
     * A shape's statement (without values), per {@code ?} the position of its value among the key's parameters, what
     * its rows are decoded with (see {@link Decoding#keep}), and — in the verification mode — how the first read
     * decoded them. A shape that must be rendered every time has none of these.
     */
    private record Entry(RenderedStatement statement, int[] binding, Object kept, List<Object> decoding) {
    }

    /**
     * What a cached shape keeps of a back end's compiled read besides its SQL, and how a later read of the same shape
     * gets its compiled form back.
     *
     * @param <C> what the back end compiles
     */
    public interface Decoding<C> {

        /** What to keep of the first read's compiled form: nothing of that read's own (its plan, its values). */
        Object keep(C compiled);

        /** The compiled form of a read of the same shape, from what was kept, over the read's own {@code plan}. */
        C reuse(Object kept, LevelPlan plan);

        /** What decides how rows are decoded, compared by the verification mode. */
        List<Object> describe(C compiled);
    }

    /**
     * A read's statement: what its back end compiled (or got back from the cache) and either the cached SQL with this
     * read's values, or the query to run as it is.
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

    private RenderCache(SQLDialect dialect, Settings settings) {
        this.rendering = DSL.using(dialect, settings);
        this.fragments = new KeyFragments(rendering);
    }

    /**
     * The cache of reads through {@code reads}, the reading context derived from the application's configuration; null
     * when every read must be rendered (see the class comment). Every context with the same dialect and settings gets
     * the same cache.
     */
    public static RenderCache of(DSLContext reads) {
        if (reads.configuration().visitListenerProviders().length > 0
                || reads.settings().getStatementType() == StatementType.STATIC_STATEMENT
                || DialectSupport.of(reads.dialect()).emulatesWithGroupConcat()) {
            return null;
        }
        RenderCache cache = CACHES.get(new Rendering(reads.dialect(), reads.settings()));
        if (cache != null) {
            return cache;
        }
        synchronized (CACHES) {
            Rendering rendering = new Rendering(reads.dialect(), SettingsTools.clone(reads.settings()));
            cache = CACHES.get(rendering);
            if (cache == null) {
                cache = new RenderCache(rendering.dialect(), rendering.settings());
                CACHES.putIfAbsent(rendering, cache);
            }
            return cache;
        }
    }

    /**
     * The statement of running {@code plan} as {@code form} (the output and whatever else the back end is given besides
     * the plan, e.g. {@code "rows limit=1 grouped=NEVER"}) on {@code reads}: {@code compile} builds the back end's
     * result, {@code query} is its select, {@code decoding} says what of it a cached shape keeps.
     */
    public <C> Statement<C> statement(LevelPlan plan, String form, DSLContext reads, Supplier<C> compile,
            Function<C, Select<?>> query, Decoding<C> decoding) {
        ShapeKey shape;
        try {
            shape = ShapeKey.of(fragments, plan, form);
        } catch (ShapeKey.Uncacheable e) {
            LOG.debug("no render cache for a read of {}: {}", plan.path(), e.getMessage());
            misses.increment();
            return Statement.uncached(compile, query);
        } catch (RuntimeException e) {   // an expression that jOOQ cannot render on its own: render the whole statement
            LOG.debug("no render cache for a read of {}: {}", plan.path(), e.toString());
            misses.increment();
            return Statement.uncached(compile, query);
        }
        if (shape.params().size() > MAX_BIND_VALUES) {   // its statement binds at least as many: never cached
            misses.increment();
            return Statement.uncached(compile, query);
        }
        Key key = new Key(shape.parts(), shape.graph());
        Entry entry = entries.get(key);
        if (entry == null) {
            misses.increment();
            C compiled = compile.get();
            Select<?> select = query.apply(compiled);
            if (shape.reusesParams()) {   // cannot tell which ? is which place of the key: rendered, not kept
                return Statement.uncached(compiled, select);
            }
            RenderedStatement rendered = RenderedStatement.render(rendering, select);
            int[] binding = binding(rendered, shape.params());
            if (binding == null) {
                LOG.debug("the statement of {} is rendered on every read: it holds values outside its key's "
                        + "parameters", plan.path());
                entries.putIfAbsent(key, UNCACHEABLE);
                return Statement.uncached(compiled, select);
            }
            entries.putIfAbsent(key, new Entry(rendered.withoutValues(), binding, decoding.keep(compiled),
                    VERIFY ? decoding(decoding, compiled, select) : null));
            return new Statement<>(compiled, select, rendered, bind(binding, shape.params()));
        }
        if (entry == UNCACHEABLE) {
            misses.increment();
            return Statement.uncached(compile, query);
        }
        Param<?>[] bindings = bind(entry.binding(), shape.params());
        hits.increment();
        if (VERIFY) {
            verify(entry, bindings, reads, compile.get(), query, decoding, shape);
        }
        return new Statement<>(decoding.reuse(entry.kept(), plan), null, entry.statement(), bindings);
    }

    /** The number of shapes known, cached or not (for tests). */
    public int size() {
        return entries.size();
    }

    /** How many reads ran a statement rendered for an earlier read (for tests). */
    public long hits() {
        return hits.sum();
    }

    /** How many reads rendered their own statement (for tests). */
    public long misses() {
        return misses.sum();
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

    /**
     * The verification mode: the cached SQL, this read's values and the kept decoding must be what compiling and
     * rendering this read on its own context gives.
     */
    private <C> void verify(Entry entry, Param<?>[] bindings, DSLContext reads, C compiled,
            Function<C, Select<?>> query, Decoding<C> decoding, ShapeKey shape) {
        Select<?> fresh = query.apply(compiled);
        RenderedStatement rendered = RenderedStatement.render(reads, fresh);
        Object[] expected = rendered.placeholders().stream().map(Param::getValue).toArray();
        Object[] actual = Arrays.stream(bindings).map(Param::getValue).toArray();
        if (!rendered.sql().equals(entry.statement().sql()) || !Arrays.deepEquals(expected, actual)) {
            throw new IllegalStateException("The render cache gave a read the statement of another shape.\nkey: "
                    + shape.describe() + "\ncached:   " + entry.statement().sql() + " "
                    + Arrays.toString(actual) + "\nrendered: " + rendered.sql() + " " + Arrays.toString(expected));
        }
        List<Object> decodes = decoding(decoding, compiled, fresh);
        if (!decodes.equals(entry.decoding())) {
            throw new IllegalStateException("The render cache gave a read the decoding of another shape.\nkey: "
                    + shape.describe() + "\ncached:   " + entry.decoding() + "\ncompiled: " + decodes);
        }
    }

    /** How the rows of {@code select} are decoded: the back end's layout, and each selected field's type. */
    private static <C> List<Object> decoding(Decoding<C> decoding, C compiled, Select<?> select) {
        return List.of(decoding.describe(compiled), types(select.getSelect()));
    }

    /** Per field: its Java type, converter and binding ({@link BehaviourKey}), and those of a nested row's fields. */
    private static List<Object> types(List<? extends org.jooq.Field<?>> fields) {
        List<Object> types = new java.util.ArrayList<>();
        for (org.jooq.Field<?> field : fields) {
            org.jooq.DataType<?> type = field.getDataType();
            types.add(type.getType());
            types.add(BehaviourKey.converter(type));
            types.add(BehaviourKey.binding(type));
            if (type.getRow() != null) {
                types.add(types(List.of(type.getRow().fields())));
            }
        }
        return types;
    }
}

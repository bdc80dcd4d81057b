package io.jooqrelations.query;

import io.jooqrelations.query.internal.Cancellation;
import io.jooqrelations.query.internal.DialectSupport;
import io.jooqrelations.query.internal.RenderCache;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.Relations;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The entry point of nested reads: a {@link DSLContext} and a {@link Relations} graph. Cheap, immutable and
 * thread-safe: keep one per application (or per request — creating it costs nothing).
 *
 * <pre>{@code
 * NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
 * List<Node<InvoicesRecord>> invoices = reads.from(INVOICES).with("lineItems").with("tags").findMany();
 * }</pre>
 */
public final class NestedReads {

    private final DSLContext dsl;
    private final Relations relations;
    private final JsonKeys jsonKeys;
    private final Scope scope;
    private final ReadStrategy strategy;
    private final Duration timeout;
    /** The statements of read shapes seen before, shared by every NestedReads on the same configuration; or null. */
    private final RenderCache renderCache;
    private final JitGuard jitGuard;

    private NestedReads(DSLContext dsl, Relations relations, JsonKeys jsonKeys, Scope scope, ReadStrategy strategy,
            Duration timeout, RenderCache renderCache, JitGuard jitGuard) {
        this.dsl = dsl;
        this.jitGuard = jitGuard;
        this.renderCache = renderCache;
        this.relations = relations;
        this.jsonKeys = jsonKeys;
        this.scope = scope;
        this.strategy = strategy;
        this.timeout = timeout;
    }

    /**
     * Reads through {@code dsl} over the graph {@code relations}. The context's dialect must be PostgreSQL (every
     * feature), MariaDB, MySQL or SQLite (see the support matrix in docs/reference.md: what a dialect cannot write in
     * one statement is refused when the read is built, with what to do instead); any other is refused here.
     */
    public static NestedReads using(DSLContext dsl, Relations relations) {
        if (dsl == null) {
            throw new InvalidReadException("NestedReads.using(null, ...): pass the application's DSLContext.");
        }
        if (relations == null) {
            throw new InvalidReadException("NestedReads.using(dsl, null): pass the relations graph, e.g. AppRelations.RELATIONS.");
        }
        DialectSupport.of(dsl.dialect());   // refuses an unsupported dialect now, listing the supported ones
        DSLContext reads = readContext(dsl);
        return new NestedReads(reads, relations, JsonKeys.CAMEL_CASE, null, ReadStrategy.SINGLE_STATEMENT, null,
                RenderCache.of(reads), JitGuard.AUTO);
    }

    /**
     * The application's context as reads use it (derived once here, not per read): its connections are watched so that
     * a read's statement is cancelled when its thread is interrupted, and MULTISET is emulated with {@code json}, not
     * jOOQ's default {@code jsonb}, whose values PostgreSQL builds at a higher cost (the S3 dashboard read: 0.74 of
     * the time of jOOQ's default, docs/performance.md).
     */
    private static DSLContext readContext(DSLContext dsl) {
        org.jooq.conf.Settings settings = org.jooq.conf.SettingsTools.clone(dsl.settings())
                .withEmulateMultiset(org.jooq.conf.NestedCollectionEmulation.JSON);
        return org.jooq.impl.DSL.using(dsl.configuration()
                .derive(Cancellation.watching(dsl.configuration().connectionProvider())).derive(settings));
    }

    /** A copy that renders JSON keys of columns the given way (relation and extra names are kept as declared). */
    public NestedReads withJsonKeys(JsonKeys keys) {
        if (keys == null) {
            throw new InvalidReadException("withJsonKeys(null): pass JsonKeys.CAMEL_CASE or JsonKeys.COLUMN_NAMES.");
        }
        return new NestedReads(dsl, relations, keys, scope, strategy, timeout, renderCache, jitGuard);
    }

    /**
     * A copy whose reads render their statements anew every time, instead of reusing the statement rendered for an
     * earlier read of the same shape (the render cache, on by default: see docs/guarantees.md). Reads return the same
     * rows either way — the test suite checks this on random reads — so this is for measuring, and for ruling the
     * cache out when a read misbehaves.
     *
     * <pre>{@code
     * NestedReads uncached = NestedReads.using(dsl, RELATIONS).withoutRenderCache();
     * }</pre>
     */
    public NestedReads withoutRenderCache() {
        return new NestedReads(dsl, relations, jsonKeys, scope, strategy, timeout, null, jitGuard);
    }

    /**
     * A copy whose reads start with {@code strategy} instead of {@link ReadStrategy#SINGLE_STATEMENT}; a read can still
     * choose its own with {@link Read#strategy(ReadStrategy)} (and must, for what only one statement can do:
     * {@code stream}, {@code prepare}).
     *
     * <pre>{@code
     * NestedReads perLevel = reads.withStrategy(ReadStrategy.QUERY_PER_LEVEL);
     * perLevel.from(INVOICES).with("lineItems").findMany();          // two statements, one snapshot
     * }</pre>
     */
    public NestedReads withStrategy(ReadStrategy strategy) {
        if (strategy == null) {
            throw new InvalidReadException("withStrategy(null): pass ReadStrategy.SINGLE_STATEMENT or QUERY_PER_LEVEL.");
        }
        return new NestedReads(dsl, relations, jsonKeys, scope, strategy, timeout, renderCache, jitGuard);
    }

    /**
     * A copy whose reads start with a statement timeout of {@code timeout} (whole seconds, rounded up, as
     * {@link Read#timeout(Duration)}); a read can still set its own.
     *
     * <pre>{@code
     * NestedReads reads = NestedReads.using(dsl, RELATIONS).withTimeout(Duration.ofSeconds(5));
     * }</pre>
     */
    public NestedReads withTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidReadException("withTimeout(" + timeout + "): a default statement timeout must be positive.");
        }
        dialect().require(DialectSupport.Feature.TIMEOUT, "withTimeout(" + timeout + ")", "these NestedReads");
        return new NestedReads(dsl, relations, jsonKeys, scope, strategy, timeout, renderCache, jitGuard);
    }

    /**
     * A copy whose PostgreSQL reads run with the server's JIT compiler off for the read as {@code guard} says, instead
     * of {@link JitGuard#AUTO} (off while tables of the graph were never analyzed on a server with JIT on; see
     * {@link JitGuard}). The caller's session and transaction settings are the same after a read either way. Other
     * dialects have no JIT and ignore it.
     *
     * <pre>{@code
     * NestedReads reads = NestedReads.using(dsl, RELATIONS).withJitGuard(JitGuard.ALWAYS);
     * }</pre>
     */
    public NestedReads withJitGuard(JitGuard guard) {
        if (guard == null) {
            throw new InvalidReadException("withJitGuard(null): pass JitGuard.AUTO (the default), ALWAYS or OFF.");
        }
        return new NestedReads(dsl, relations, jsonKeys, scope, strategy, timeout, renderCache, guard);
    }

    /**
     * A copy whose every read, at every level, sees only rows of tenant {@code tenantId} under {@code tenantScope}
     * (checked now against the whole graph). Scoping an already scoped instance is an error.
     */
    public NestedReads scopedTo(TenantScope tenantScope, Object tenantId) {
        if (tenantScope == null || tenantId == null) {
            throw new InvalidReadException("scopedTo(scope, tenantId) was given null; a scoped read needs both.");
        }
        if (scope != null) {
            throw new InvalidReadException("These reads are already scoped to a tenant; scope the unscoped NestedReads.");
        }
        tenantScope.validate(relations);
        return new NestedReads(dsl, relations, jsonKeys, tenantScope.bind(tenantId, relations), strategy, timeout,
                renderCache, jitGuard);
    }

    Scope scope() {
        return scope;
    }

    /** Starts a read from {@code table}. */
    public <R extends Record> Read<R> from(Table<R> table) {
        if (table == null) {
            throw new InvalidReadException("from(null): pass a generated table such as Tables.INVOICES.");
        }
        return new Read<>(this, table);
    }

    DSLContext dsl() {
        return dsl;
    }

    /** What the context's dialect supports. */
    DialectSupport dialect() {
        return DialectSupport.of(dsl.dialect());
    }

    /** The graph reads walk. */
    public Relations relations() {
        return relations;
    }

    JsonKeys jsonKeys() {
        return jsonKeys;
    }

    ReadStrategy strategy() {
        return strategy;
    }

    /** Where reads find the statements of shapes rendered before; null when every read renders its own. */
    RenderCache renderCache() {
        return renderCache;
    }

    /** The default statement timeout, or {@code null} for none. */
    /** When these reads run with PostgreSQL's JIT off for the read ({@link JitGuard#AUTO} unless chosen). */
    public JitGuard jitGuard() {
        return jitGuard;
    }

    Duration timeout() {
        return timeout;
    }
}

package io.jooqrelations.query;

/**
 * When a PostgreSQL read runs with the server's JIT compiler off for that read alone. A packaged PostgreSQL (Debian's,
 * Ubuntu's) has JIT on by default; on tables that were never analyzed — a fresh migration, a new tenant's database, a
 * CI database — the planner takes each nested level for a thousand rows, a read of four levels crosses
 * {@code jit_above_cost}, and the server compiles the statement before running it: about 400 ms for ten rows instead
 * of 5 ms (docs/performance.md). The guard turns {@code jit} off inside the read's own transaction, or inside a
 * savepoint of the caller's, and undoes it before the read returns: the caller's session and transaction settings are
 * the same after the read as before.
 *
 * <pre>{@code
 * NestedReads reads = NestedReads.using(dsl, RELATIONS);                 // JitGuard.AUTO
 * NestedReads oltp = reads.withJitGuard(JitGuard.ALWAYS);                // every read without JIT
 * }</pre>
 *
 * <p>Other dialects have no JIT: there the guard does nothing, whatever it is set to.
 */
public enum JitGuard {
    /**
     * The default: reads of a graph run without JIT while the server has JIT on and tables of the graph were never
     * analyzed ({@code reltuples < 0}), checked by one catalog query on the graph's first read and again every five
     * minutes; the first time, a warning names the tables and the lasting fix ({@code ANALYZE}, or
     * {@code alter role ... set jit = off}). Reads of analyzed tables run as they are. A guarded read costs two more
     * round trips (its transaction or savepoint, begun with the setting and ended).
     */
    AUTO,
    /**
     * Every read runs without JIT: for applications whose reads never gain from it (short OLTP reads) and whose role
     * cannot be configured. Costs two more round trips per read.
     */
    ALWAYS,
    /**
     * No read is guarded (the warning of {@link #AUTO} is still logged once): for servers whose JIT is tuned, or off
     * already.
     */
    OFF
}

package io.jooqrelations.query;

/**
 * How a read is executed; both give the same typed result.
 *
 * <pre>{@code
 * reads.from(INVOICES).where(INVOICES.ID.between(1L, 5000L)).with("lineItems")
 *     .strategy(ReadStrategy.QUERY_PER_LEVEL)     // 2 statements instead of 1
 *     .findMany();
 * }</pre>
 */
public enum ReadStrategy {
    /**
     * The default: one statement, each relation a correlated {@code MULTISET} subquery. One snapshot, one round trip;
     * best for pages and detail views.
     */
    SINGLE_STATEMENT,
    /**
     * One statement per relation level: the parents, then each relation's rows for all parents at once
     * ({@code where fk = any(?)}), stitched in memory. Lets PostgreSQL hash-join large fan-outs; costs a round trip per
     * level. Its statements read one snapshot: the caller's transaction, or a read-only repeatable-read transaction of
     * their own when auto-commit is on. Serves {@code findMany}, {@code findFirst} and
     * {@code findPage} (nodes and records); JSON reads always run one statement; {@code withTree}, {@code stream} and
     * {@code prepare} need {@link #SINGLE_STATEMENT} and are refused with this strategy.
     */
    QUERY_PER_LEVEL
}

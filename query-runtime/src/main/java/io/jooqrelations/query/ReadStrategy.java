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
     * level and, outside a transaction, does not read one snapshot. JSON reads and {@code withTree} always use a
     * single statement.
     */
    QUERY_PER_LEVEL
}

package io.jooqrelations.query;

/**
 * How the single statement reads the to-many relations of the top level: each as a subquery per parent row, or all
 * parents' rows aggregated at once and joined. Both give the same result in the same one statement; they differ in
 * how PostgreSQL can run them.
 *
 * <pre>{@code
 * reads.from(INVOICES).where(INVOICES.ID.between(1L, 5000L))
 *     .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
 *     .joinShape(JoinShape.GROUPED)          // what AUTO picks here anyway: no limit at the top
 *     .findMany();
 * }</pre>
 */
public enum JoinShape {
    /**
     * The default: {@link #GROUPED} for a to-many whose link columns no index or unique key of the child table (or
     * junction) leads with, when the top level has no limit or offset and is not a {@code findFirst} or a page;
     * {@link #CORRELATED} otherwise. Measured on 100 000 invoices (docs/performance.md, {@code ExplainPlans}): with an
     * index on the link, the correlated subqueries of 5 000 invoices took 41 ms in PostgreSQL and the grouped aggregate
     * 115 ms (index lookups beat a scan, sort and aggregate of the whole child table); without one, for 100 invoices,
     * correlated took 2 045 ms (a scan of the child table per parent) and grouped 67 ms. Indexes are read from the
     * jOOQ tables ({@code getKeys()}, {@code getIndexes()}), which codegen fills.
     */
    AUTO,
    /**
     * A {@code MULTISET} subquery per parent row, correlated with it: best for few parents. PostgreSQL runs it once
     * per parent row, in a nested loop.
     */
    CORRELATED,
    /**
     * {@code LEFT JOIN (select <link>, json_agg(<row> order by ...) from <child> where <link> in (<the parents' keys>)
     * group by <link>)}: the children of all parents in one pass PostgreSQL can hash or merge, best for many parents.
     * Applies to the top level's to-many relations without a limit or offset of their own, that do not read the top
     * table again (self-references) and whose rows are at most 100 values wide; the others stay correlated. A
     * keyset page ({@code findPage} after a cursor) reads its relations correlated.
     */
    GROUPED
}

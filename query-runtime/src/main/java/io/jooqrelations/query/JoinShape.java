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
     * The default: {@link #GROUPED} when the top level has no limit or offset and is not a {@code findFirst} or a page
     * (a read of however many parents its conditions match), {@link #CORRELATED} otherwise (a few parents, whose
     * children the correlated subqueries find by index).
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

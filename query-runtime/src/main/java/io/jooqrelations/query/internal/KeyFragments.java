package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.RenderContext;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DefaultVisitListenerProvider;

/**
 * What a {@link ShapeKey} cannot write by itself: jOOQ's rendering of a query part (with {@code ?} for its bind values,
 * which it collects), under the settings and dialect of one {@link RenderCache}. Tables are rendered once per table
 * object and remembered: the generated table constants a read names are the same objects on every read, and rendering
 * them was most of what a key cost. A rendering that holds bind values is never remembered (the values are the read's).
 */
final class KeyFragments {

    /**
     * Table objects remembered at most; beyond that the memory starts afresh. Generated tables are a few hundred at
     * most; an application that aliases a table anew on every read makes a new object each time.
     */
    static final int MAX_REMEMBERED = 4_096;

    private static final Object PARAMS = new Object();

    private final DSLContext context;
    private final Map<Identity, String> tables = new ConcurrentHashMap<>();

    /** A key that compares its object by identity: two equal-looking table objects are still rendered each. */
    private record Identity(Object part) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.part == part;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(part);
        }
    }

    /** Fragments rendered with {@code reads}' settings and dialect. */
    KeyFragments(DSLContext reads) {
        VisitListener collector = new VisitListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void visitStart(VisitContext context) {
                if (context.queryPart() instanceof Param<?> param && !param.isInline()
                        && context.data(PARAMS) instanceof List<?> params) {
                    ((List<Param<?>>) params).add(param);
                }
            }
        };
        this.context = org.jooq.impl.DSL.using(reads.configuration().derive(new DefaultVisitListenerProvider(collector)));
    }

    /** jOOQ's rendering of {@code part}; its bind parameters are added to {@code params}. */
    String render(QueryPart part, List<Param<?>> params) {
        return render(part, false, params);
    }

    /**
     * {@code table} as it is declared in a FROM clause (its name, its alias, or the whole derived table); its bind
     * parameters, if any, are added to {@code params}.
     */
    String declaration(Table<?> table, List<Param<?>> params) {
        String remembered = tables.get(new Identity(table));
        if (remembered != null) {
            return remembered;
        }
        List<Param<?>> own = new ArrayList<>();
        String sql = render(table, true, own);
        if (own.isEmpty()) {
            remember(table, sql);
        }
        params.addAll(own);
        return sql;
    }

    /** {@code table}'s declaration when it holds no bind values (a column of it names it alone), else null. */
    String declarationWithoutValues(Table<?> table) {
        String remembered = tables.get(new Identity(table));
        if (remembered != null) {   // only declarations without values are remembered
            return remembered;
        }
        List<Param<?>> own = new ArrayList<>();
        String sql = declaration(table, own);
        return own.isEmpty() ? sql : null;
    }

    private void remember(Table<?> table, String sql) {
        if (tables.size() >= MAX_REMEMBERED) {
            tables.clear();
        }
        tables.put(new Identity(table), sql);
    }

    private String render(QueryPart part, boolean declare, List<Param<?>> params) {
        RenderContext sql = context.renderContext();
        sql.data(PARAMS, params);
        return sql.declareTables(declare).visit(part).render();
    }
}

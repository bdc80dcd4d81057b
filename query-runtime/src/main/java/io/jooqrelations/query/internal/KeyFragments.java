package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A rendering stands for the part only when jOOQ's own code wrote it: jOOQ's query parts render from their state
 * and the context alone, and every value in them is a {@code ?} the key collects. A query part of any other class (a
 * user's {@code CustomField}, {@code CustomCondition} or own {@code QueryPart}) may render differently in the
 * statement than here, or from state the rendering does not show: a read holding one is not cached
 * ({@link ShapeKey.Uncacheable}). Generated tables are the exception: they extend jOOQ's {@code TableImpl} and render
 * through it. So are bind values whose rendering depends on the value rather than on its type ({@code OTHER}, a
 * user's {@code Binding}), see {@link #requireBindable}.
 */
final class KeyFragments {

    /**
     * Table objects remembered at most; beyond that the least recently used are forgotten. Generated tables are a few
     * hundred at most; an application that aliases a table anew on every read makes a new object each time.
     */
    static final int MAX_REMEMBERED = 4_096;

    private static final Object PARAMS = new Object();

    private final DSLContext context;
    private final LruMap<Identity, String> tables = new LruMap<>(MAX_REMEMBERED);

    /** Fragments rendered with {@code reads}' settings and dialect. */
    KeyFragments(DSLContext reads) {
        VisitListener collector = new VisitListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void visitStart(VisitContext context) {
                QueryPart part = context.queryPart();
                requireJooqRendering(part);
                if (part instanceof Param<?> param && !param.isInline()
                        && context.data(PARAMS) instanceof List<?> params) {
                    requireBindable(param);
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
        tables.putIfAbsent(new Identity(table), sql);
    }

    /** Refuses a query part that jOOQ's own code does not render (see the class comment). */
    static void requireJooqRendering(QueryPart part) {
        if (!RENDERED_BY_JOOQ.get(part.getClass())) {
            throw new ShapeKey.Uncacheable("it holds a " + part.getClass().getName() + ", a query part jOOQ does not "
                    + "render itself");
        }
    }

    /**
     * Per class: whether jOOQ's code renders its instances. jOOQ's own classes, and the generated tables, schemas,
     * catalogs and UDTs, which extend jOOQ's and leave their rendering to it.
     */
    private static final ClassValue<Boolean> RENDERED_BY_JOOQ = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (BehaviourKey.isJooqImplementation(type)) {
                return true;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (BehaviourKey.isJooqImplementation(c)) {
                    return c == org.jooq.impl.TableImpl.class || c == org.jooq.impl.SchemaImpl.class
                            || c == org.jooq.impl.CatalogImpl.class || c == org.jooq.impl.UDTImpl.class;
                }
                if (declaresAccept(c)) {
                    return false;
                }
            }
            return false;
        }
    };

    private static boolean declaresAccept(Class<?> type) {
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("accept") && method.getParameterCount() == 1
                    && method.getParameterTypes()[0] == org.jooq.Context.class) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a bind value that may render as something else for another value of the same type: jOOQ renders an
     * {@code OTHER} value's cast by the value's class, and a user's {@code Binding} renders whatever it likes.
     */
    static void requireBindable(Param<?> param) {
        org.jooq.DataType<?> type = param.getDataType();
        if (type.getSQLDataType() == org.jooq.impl.SQLDataType.OTHER || type.getType() == Object.class) {
            throw new ShapeKey.Uncacheable("it binds a value of jOOQ's type OTHER, whose SQL depends on the value");
        }
        if (!BehaviourKey.isJooqImplementation(type.getBinding().getClass())) {
            throw new ShapeKey.Uncacheable("it binds a value with the Binding " + type.getBinding().getClass().getName());
        }
    }

    private String render(QueryPart part, boolean declare, List<Param<?>> params) {
        RenderContext sql = context.renderContext();
        sql.data(PARAMS, params);
        return sql.declareTables(declare).visit(part).render();
    }
}

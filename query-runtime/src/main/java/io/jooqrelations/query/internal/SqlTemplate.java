package io.jooqrelations.query.internal;

import java.util.List;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.impl.CustomQueryPart;

/**
 * A rendered statement cut at its bind parameters: the SQL between them as text, each parameter as the place it takes.
 * Written out with new parameters it is the same SQL, without jOOQ parsing a plain SQL string again (about 12 µs for
 * the 1.8 KB statement of an invoice detail read, most of what running a prepared read cost on the client).
 */
final class SqlTemplate {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlTemplate.class);

    /**
     * Parameters a template is cut at, at most: finding where each starts copies the SQL rendered so far, so a
     * statement with thousands of values (a long {@code in} list) is parsed by jOOQ on each run instead.
     */
    static final int MAX_PARAMETERS = 1_000;

    /** The text before each parameter, and after the last one. */
    private final String[] texts;

    private SqlTemplate(String[] texts) {
        this.texts = texts;
    }

    /**
     * The template of {@code sql}, whose parameters {@code params} were rendered from {@code starts[i]} to
     * {@code ends[i]}; null unless writing it out with {@code params} in {@code dsl} gives {@code sql} again (jOOQ may
     * have rendered a parameter in a context of its own, or differently in place).
     */
    static SqlTemplate of(DSLContext dsl, String sql, List<Param<?>> params, List<Integer> starts, List<Integer> ends) {
        if (starts.size() != params.size() || ends.size() != params.size()) {
            LOG.debug("no template for {}: {} parameters, {} starts, {} ends", sql, params.size(), starts.size(), ends.size());
            return null;
        }
        String[] texts = new String[params.size() + 1];
        int from = 0;
        for (int i = 0; i < params.size(); i++) {
            int start = starts.get(i);
            int end = ends.get(i);
            if (start < from || end < start || end > sql.length()) {
                LOG.debug("no template for {}: parameter {} rendered from {} to {}", sql, i, start, end);
                return null;
            }
            texts[i] = sql.substring(from, start);
            from = end;
        }
        texts[params.size()] = sql.substring(from);
        SqlTemplate template = new SqlTemplate(texts);
        String again = dsl.renderContext().visit(template.with(params.toArray(new Param<?>[0]))).render();
        if (!again.equals(sql)) {
            LOG.debug("no template for {}: written out again it is {}", sql, again);
            return null;
        }
        return template;
    }

    /** The statement with {@code params} in the places of the original ones. */
    QueryPart with(Param<?>[] params) {
        return new CustomQueryPart() {
            @Override
            public void accept(Context<?> ctx) {
                for (int i = 0; i < params.length; i++) {
                    ctx.sql(texts[i]).visit(params[i]);
                }
                ctx.sql(texts[params.length]);
            }
        };
    }
}

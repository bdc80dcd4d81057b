package io.jooqrelations.demo;

import java.util.ArrayList;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Records every statement sent to the database with its bind values inlined, so the demo can print what ran. */
final class SqlCapture implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<String> statements = new ArrayList<>();

    @Override
    public synchronized void executeStart(ExecuteContext ctx) {
        statements.add(ctx.query() != null ? ctx.dsl().renderInlined(ctx.query()) : ctx.sql());
    }

    synchronized List<String> drain() {
        List<String> copy = List.copyOf(statements);
        statements.clear();
        return copy;
    }
}

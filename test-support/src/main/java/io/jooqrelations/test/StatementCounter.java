package io.jooqrelations.test;

import java.util.ArrayList;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * A jOOQ {@link ExecuteListener} that counts the SQL statements sent to the database, so a test can prove a nested
 * read is one statement.
 *
 * <pre>{@code
 * counter.reset();
 * reads.from(INVOICES).with("lineItems").findMany();
 * assertThat(counter.count()).isEqualTo(1);
 * }</pre>
 */
public final class StatementCounter implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<String> statements = new ArrayList<>();

    @Override
    public void executeStart(ExecuteContext ctx) {
        synchronized (statements) {
            statements.add(ctx.sql());
        }
    }

    /** How many statements were executed since the last {@link #reset()}. */
    public int count() {
        synchronized (statements) {
            return statements.size();
        }
    }

    /** The SQL of the statements executed since the last {@link #reset()}, in order. */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** Forgets what was counted. */
    public void reset() {
        synchronized (statements) {
            statements.clear();
        }
    }
}

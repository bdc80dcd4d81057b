package io.jooqrelations.benchmarks;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the statements sent to the database: as a jOOQ {@link ExecuteListener} for the jOOQ ways, and by
 * {@link #add()} for the plain-JDBC way. Unlike the test-support {@code StatementCounter} it keeps no SQL strings, so it
 * allocates nothing and can stay attached during a benchmark. Single-threaded, like the benchmarks.
 */
public final class StatementTally implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private long count;

    @Override
    public void executeStart(ExecuteContext ctx) {
        count++;
    }

    /** Counts one statement sent without jOOQ. */
    public void add() {
        count++;
    }

    /** Statements counted so far. */
    public long count() {
        return count;
    }
}

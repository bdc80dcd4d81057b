package io.jooqrelations.query.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;

/**
 * A back end: renders a frozen plan as SQL the way the plan says and reads the result. Chosen by the
 * {@link ReadPlanner} when the read is frozen — {@link MultisetBackend#ROWS} (one statement, typed rows, trees
 * included), {@link PerLevelBackend#ROWS} (a statement per level), {@link JsonBackend#of} (JSON built by the
 * database) — and run by the {@link ReadExecutor}, which owns everything about running a statement: the render cache,
 * the timeout, the log and what a failure becomes. A back end catches nothing.
 *
 * @param <T> what a read of the back end returns
 */
public interface ReadBackend<T> {

    /** Reads {@code plan}, running each of its statements through {@code executor}. */
    T read(LevelPlan plan, ReadExecutor executor);

    /**
     * The plan as the one statement {@link #read} runs, with how its result is read ({@code toSQL()}, prepared reads,
     * streams); null for a back end that runs a statement per level.
     */
    Statement<T> compile(LevelPlan plan, DSLContext dsl);

    /**
     * One compiled statement and the reading of its result.
     *
     * @param <T> what its result is read into
     */
    interface Statement<T> {

        /** The select; null for a statement the render cache gave back without building it again. */
        Select<?> query();

        /** The result of {@link #query()} (or of the same SQL run elsewhere) read into what the back end returns. */
        T read(Result<? extends Record> result);
    }
}

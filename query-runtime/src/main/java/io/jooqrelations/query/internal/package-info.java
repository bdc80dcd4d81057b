/**
 * Internal, not API: the read planner and its back ends. Nothing here is covered by compatibility promises; the jar's
 * module descriptor does not export it. Application code uses {@link io.jooqrelations.query}.
 *
 * <p>How a read flows (one terminal call, e.g. {@code findMany()}):
 * <pre>
 *  Read / Level builders (API)          what the caller asked for
 *        | freeze(rootFilters, planner)
 *        v
 *  ReadPlanner  ----------------------  decides, once: each relation's RowPolicy, required flag, Shape and limit,
 *        |                              the top level's limit for the form, the back end; refuses what the
 *        |                              dialect, strategy or output cannot run (DialectSupport's matrix)
 *        v
 *  LevelPlan (immutable) + ReadBackend  MultisetBackend.ROWS | PerLevelBackend.ROWS | JsonBackend.of(keys, first)
 *        |
 *        v
 *  ReadExecutor  ---------------------  the render cache, the read's timeout, the log, each statement run,
 *        |                              and the only translation of a failure into the library's exceptions
 *        v
 *  RowView / JSON  -> NodeDecoder, RecordMapper (typed) or the JSON text
 * </pre>
 * Back ends only render what the plan says (a {@link io.jooqrelations.query.internal.LevelPlan.Shape} per relation)
 * and read what they rendered; {@link io.jooqrelations.query.internal.TreeSql} writes recursive trees for the single
 * statement. {@code Read} and {@code PreparedRead} are the surface only: they name a planner, hand its plan to the
 * executor and decode.
 */
package io.jooqrelations.query.internal;

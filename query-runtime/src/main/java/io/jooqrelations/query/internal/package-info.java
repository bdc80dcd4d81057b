/**
 * Internal, not API: the read planner and its back ends. Nothing here is covered by compatibility promises; the jar's
 * module descriptor does not export it. Application code uses {@link io.jooqrelations.query}.
 *
 * <p>How a read flows: the fluent {@code Read}/{@code Level} builders of the API package freeze into an immutable
 * {@link io.jooqrelations.query.internal.LevelPlan} tree (joins, tenant filters and row policies decided once, by
 * {@link io.jooqrelations.query.internal.Join} and {@link io.jooqrelations.query.internal.RowPolicy}). A back end turns
 * the plan into SQL: {@link io.jooqrelations.query.internal.MultisetBackend} (one statement, returned with its
 * {@link io.jooqrelations.query.internal.RowLayout}), {@link io.jooqrelations.query.internal.PerLevelBackend} (one
 * statement per level), {@link io.jooqrelations.query.internal.JsonBackend} (JSON built by the database), with
 * {@link io.jooqrelations.query.internal.TreeSql} for recursive trees. Typed back ends hand their rows over as
 * {@link io.jooqrelations.query.internal.RowView}s, which one {@link io.jooqrelations.query.internal.NodeDecoder} and one
 * {@link io.jooqrelations.query.internal.RecordMapper} consume, whatever produced them.
 */
package io.jooqrelations.query.internal;

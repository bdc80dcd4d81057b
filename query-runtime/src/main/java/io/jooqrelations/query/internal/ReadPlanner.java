package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.query.JoinShape;
import io.jooqrelations.query.JsonKeys;
import io.jooqrelations.query.ReadStrategy;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * Decides, once per terminal call of a read, everything about how it runs — and is the one place that does: each
 * relation's {@link RowPolicy}, whether a missing row is an error, its {@link LevelPlan.Shape} and the limit of its
 * rows per parent, the top level's limit for the form ({@code findFirst}, a page), the back end, and every refusal of a
 * read the dialect, the strategy or the output cannot run ({@link #planned}). The builders of the API package call
 * {@link #child} while they freeze; back ends render what the plan says.
 *
 * <p>The shape of a relation, by rule: a to-one that is a bare key lookup is a {@code LEFT JOIN} of its target (both
 * outputs); any other to-one a {@code LEFT JOIN LATERAL} where the dialect has it (in a JSON read only below a level
 * without a limit or offset: PostgreSQL builds a limited level's objects after its sort and limit, a lateral join runs
 * before them for every row), else a correlated one-row subquery; a
 * to-many a correlated subquery — or, for the top level of a typed single statement, grouped once for all parents
 * ({@link JoinShape}); a window per parent (limit, offset, a to-one's first row) where the dialect cannot limit a
 * correlated subquery, a slice; every relation of a query-per-level read a batch.
 *
 * @param <T> what the read returns: its rows, or its JSON
 */
public final class ReadPlanner<T> {

    /** What the read produces, and so which back end runs it. */
    private enum Output {
        ROWS, JSON
    }

    /**
     * The level a relation hangs off, as far as the shape rules need it: its table, whether it is the top level, and
     * whether it reads without a limit or offset (a top level: also without the form's; known before it is frozen, as
     * its relations come first).
     */
    public record Parent(Table<?> table, boolean top, boolean unlimited) {
    }

    /** A frozen plan and the back end chosen for it. */
    public record Planned<T>(LevelPlan plan, ReadBackend<T> backend) {
    }

    private final DialectSupport dialect;
    private final Output output;
    private final ReadStrategy strategy;
    private final JoinShape joinShape;
    private final Integer limitOverride;
    private final List<Field<?>> seekAfter;
    private final ReadBackend<T> backend;

    private ReadPlanner(DialectSupport dialect, Output output, ReadStrategy strategy, JoinShape joinShape,
            Integer limitOverride, List<Field<?>> seekAfter, ReadBackend<T> backend) {
        this.dialect = dialect;
        this.output = output;
        this.strategy = strategy;
        this.joinShape = joinShape;
        this.limitOverride = limitOverride;
        this.seekAfter = List.copyOf(seekAfter);
        this.backend = backend;
    }

    /**
     * The planner of a typed read: its rows, by {@code strategy}, the top level's to-many relations by
     * {@code joinShape}; {@code limitOverride} caps the top level's limit (1 for {@code findFirst}, a page's size + 1;
     * null: none), {@code seekAfter} continues after a keyset cursor (empty: from the start).
     */
    public static ReadPlanner<List<RowView>> rows(DialectSupport dialect, ReadStrategy strategy, JoinShape joinShape,
            Integer limitOverride, List<Field<?>> seekAfter) {
        return new ReadPlanner<>(dialect, Output.ROWS, strategy, joinShape, limitOverride, seekAfter,
                strategy == ReadStrategy.QUERY_PER_LEVEL ? PerLevelBackend.ROWS : MultisetBackend.ROWS);
    }

    /** The planner of a JSON read (always one statement): an array of all rows, or the first row's object. */
    public static ReadPlanner<JSON> json(DialectSupport dialect, JsonKeys keys, boolean first) {
        return new ReadPlanner<>(dialect, Output.JSON, ReadStrategy.SINGLE_STATEMENT, JoinShape.CORRELATED,
                first ? Integer.valueOf(1) : null, List.of(), JsonBackend.of(keys, first));
    }

    /** The limit the top level's statement runs with: its own, capped by the form's (never raised: 0 stays 0). */
    public Integer topLimit(Integer own) {
        return cap(own, limitOverride);
    }

    /** The keyset values the top level continues after (empty: none). */
    public List<Field<?>> seekAfter() {
        return seekAfter;
    }

    /** The plan of a nested relation read into the frozen {@code level}, hanging off {@code parent}. */
    public LevelPlan.Child child(Relation relation, Scope scope, Relations graph, LevelPlan level, Parent parent) {
        RowPolicy policy = relation.kind() == RelationKind.MANY ? RowPolicy.ALL
                : relation.junction().isEmpty() && level.offset() == null && linksToUniqueKey(relation)
                        ? RowPolicy.AT_MOST_ONE_BY_KEY : RowPolicy.FIRST_ONLY;
        boolean required = relation.kind() == RelationKind.ONE && !relation.optional() && level.conditions().isEmpty()
                && level.limit() == null && level.offset() == null;
        Integer limit = cap(level.limit(), policy == RowPolicy.FIRST_ONLY ? Integer.valueOf(1) : null);
        Join join = Join.of(relation, scope, graph);
        LevelPlan.Shape shape = shape(relation, join, policy, level, limit, parent);
        return new LevelPlan.Child(relation.name(), relation, join, policy, level, required, shape, limit);
    }

    private LevelPlan.Shape shape(Relation relation, Join join, RowPolicy policy, LevelPlan level, Integer limit,
            Parent parent) {
        if (strategy == ReadStrategy.QUERY_PER_LEVEL) {
            return LevelPlan.Shape.BATCH;
        }
        if (policy == RowPolicy.AT_MOST_ONE_BY_KEY && isBareLookup(join, level)) {
            return LevelPlan.Shape.LOOKUP_JOIN;
        }
        // a lateral join runs for every parent row before the parent level's sort and limit; a subquery in the select
        // list, PostgreSQL runs after them: the JSON object of a limited level is such an expression
        if (policy != RowPolicy.ALL && dialect.lateral() && (output == Output.ROWS || parent.unlimited())) {
            return LevelPlan.Shape.LATERAL_JOIN;
        }
        if ((limit != null || level.offset() != null) && dialect.slicesNestedRows()) {
            return LevelPlan.Shape.SLICED;
        }
        if (policy != RowPolicy.ALL) {
            return LevelPlan.Shape.NESTED_ONE;
        }
        return parent.top() && grouped(relation, join, level, parent) ? LevelPlan.Shape.GROUPED
                : LevelPlan.Shape.CORRELATED;
    }

    /**
     * Whether a to-many of the top level is aggregated once and joined (see {@link JoinShape}): in a typed single
     * statement on a dialect that can, not a page after a cursor (its seek condition is added to the top level, which
     * the parent set could not see), when the relation has no window of its own, no tree, does not read the top table
     * again (whose conditions could not tell the two apart) and its row fits one call ({@link NestedRows}); then always
     * for {@link JoinShape#GROUPED}, and for {@link JoinShape#AUTO} when the top level is unlimited and no index leads
     * with the link columns.
     */
    private boolean grouped(Relation relation, Join join, LevelPlan level, Parent parent) {
        if (output != Output.ROWS || joinShape == JoinShape.CORRELATED || !seekAfter.isEmpty()
                || !dialect.supports(DialectSupport.Feature.GROUPED)
                || level.limit() != null || level.offset() != null || !level.trees().isEmpty()
                || TableNames.sameTable(relation.target(), parent.table())
                || relation.junction().map(j -> TableNames.sameTable(j, parent.table())).orElse(false)
                || NestedRows.chunkFor(level.width()) != 0) {
            return false;
        }
        return joinShape == JoinShape.GROUPED || parent.unlimited() && !join.linkIndexed();
    }

    /** The parent of the relations of a level at {@code depth} (0: the top) with its own limit and offset. */
    public Parent parent(Table<?> table, int depth, Integer ownLimit, Integer ownOffset) {
        boolean top = depth == 0;
        return new Parent(table, top, (top ? topLimit(ownLimit) : ownLimit) == null && ownOffset == null);
    }

    /**
     * Whether a to-one is a bare key lookup — no filter or tenant rule, nothing of its own to filter, order, compute or
     * nest — that a plain {@code LEFT JOIN} of the aliased target can read. It renders in a third of the time of a
     * lateral subquery, and most to-ones (an invoice's organization, its assignee) are such lookups.
     */
    private static boolean isBareLookup(Join join, LevelPlan target) {
        return !join.hasFilters() && target.conditions().isEmpty() && target.orderBy().isEmpty()
                && target.limit() == null && target.offset() == null && target.extras().isEmpty()
                && target.children().isEmpty() && target.trees().isEmpty();
    }

    private static boolean linksToUniqueKey(Relation relation) {
        for (UniqueKey<?> key : relation.target().getKeys()) {
            if (key.getFields().size() == relation.targetColumns().size()
                    && relation.targetColumns().containsAll(key.getFields())) {
                return true;
            }
        }
        return false;
    }

    /** {@code limit} capped by {@code cap} (null: no cap), never raised. */
    private static Integer cap(Integer limit, Integer cap) {
        return cap == null ? limit : limit == null ? cap : Integer.valueOf(Math.min(cap, limit));
    }

    /**
     * The frozen plan with its back end, once everything it needs is checked: what the dialect cannot run in the
     * chosen strategy, what the output cannot express. Every refusal of a frozen read is made here, before any SQL is
     * built.
     */
    public Planned<T> planned(LevelPlan root) {
        InvalidReadException refusal = refusal(root);
        if (refusal != null) {
            throw refusal;
        }
        return new Planned<>(root, backend);
    }

    /** Why this planner's read of {@code root} cannot run, or null when it can (see {@link #planned}). */
    public InvalidReadException refusal(LevelPlan root) {
        boolean perLevel = strategy == ReadStrategy.QUERY_PER_LEVEL;
        String trees = perLevel ? "needs ReadStrategy.SINGLE_STATEMENT (a tree is one recursive query)"
                : output == Output.JSON ? "is not available for JSON reads; use withRecursive(relation, depth, ...) or "
                        + "the typed tree" : null;
        // the dialect's first: a read the dialect cannot run at all is not helped by another strategy or output
        InvalidReadException refusal = dialect.refusal(root, !perLevel);
        return refusal != null || trees == null ? refusal : treeRefusal(root, trees);
    }

    /** The refusal of the first {@code withTree} in the read, or null when it has none. */
    private static InvalidReadException treeRefusal(LevelPlan level, String why) {
        if (!level.trees().isEmpty()) {
            return new InvalidReadException("withTree(\"" + level.trees().get(0).name() + "\") on " + level.path()
                    + " " + why + ".");
        }
        for (LevelPlan.Child child : level.children()) {
            InvalidReadException refusal = treeRefusal(child.level(), why);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}

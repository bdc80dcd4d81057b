package io.jooqrelations.query;

import io.jooqrelations.query.internal.ForeignTableCheck;
import io.jooqrelations.query.internal.Handles;
import io.jooqrelations.query.internal.Join;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.Relations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The rows a {@code whereHas}/{@code whereHasNo} looks for: conditions on the related table, and further relation
 * filters below it.
 *
 * <pre>{@code
 * // users with an invoice assigned to them that carries the tag "urgent"
 * reads.from(USERS).whereHas("assignedInvoices", i -> i.whereHas("tags", t -> t.where(TAGS.NAME.eq("urgent"))));
 * }</pre>
 *
 * @param <R> the record type of the related table
 */
public final class RelationFilter<R extends Record> {

    private final Relations relations;
    private final Scope scope;
    private final Table<R> table;
    private final String path;
    private final int depth;
    private final List<Condition> conditions = new ArrayList<>();
    /** Every relation this filter walks, its nested filters' included (a dialect may refuse some, see DialectSupport). */
    private final List<Relation> walked = new ArrayList<>();

    RelationFilter(Relations relations, Scope scope, Table<R> table, String path, int depth) {
        this.relations = relations;
        this.scope = scope;
        this.table = table;
        this.path = path;
        this.depth = depth;
        if (depth > AbstractLevel.MAX_DEPTH) {
            throw new InvalidReadException("Relation filter " + path + " nests deeper than " + AbstractLevel.MAX_DEPTH
                    + " levels.");
        }
    }

    /** Conditions the related rows must meet. */
    public RelationFilter<R> where(Condition... conditions) {
        if (conditions == null) {
            throw new InvalidReadException("where(...) in relation filter " + path + " was given null.");
        }
        for (Condition c : conditions) {
            if (c == null) {
                throw new InvalidReadException("where(...) in relation filter " + path + " was given null.");
            }
            ForeignTableCheck.check(c, table, relations, "where(...)", path);
            this.conditions.add(c);
        }
        return this;
    }

    /** The related rows must themselves have a {@code name} row matching {@code filter}. */
    public RelationFilter<R> whereHas(String name, Consumer<RelationFilter<?>> filter) {
        return nested(relations.relation(table, nonNull(name)), filter, true);
    }

    /** The related rows must have no {@code name} row matching {@code filter}. */
    public RelationFilter<R> whereHasNo(String name, Consumer<RelationFilter<?>> filter) {
        return nested(relations.relation(table, nonNull(name)), filter, false);
    }

    /** Typed {@link #whereHas(String, Consumer)}. */
    public <T extends Record> RelationFilter<R> whereHas(RelationHandle<R, T> relation, Consumer<RelationFilter<T>> filter) {
        return nested(own(relation), filter, true);
    }

    /** Typed {@link #whereHasNo(String, Consumer)}. */
    public <T extends Record> RelationFilter<R> whereHasNo(RelationHandle<R, T> relation,
            Consumer<RelationFilter<T>> filter) {
        return nested(own(relation), filter, false);
    }

    /** The handle's relation in this graph; a handle of another table is refused. */
    private Relation own(RelationHandle<?, ?> handle) {
        return Handles.own(nonNull(handle), table, relations, "relation filter " + path);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RelationFilter<R> nested(Relation relation, Consumer<? extends RelationFilter<?>> filter, boolean exists) {
        if (filter == null) {
            throw new InvalidReadException("A relation filter below " + path + " was given a null filter.");
        }
        RelationFilter<?> spec = new RelationFilter<>(relations, scope, (Table) relation.target(),
                path + "." + relation.name(), depth + 1);
        ((Consumer) filter).accept(spec);
        walked.add(relation);
        walked.addAll(spec.walked);
        Condition c = Join.of(relation, scope, relations).exists(spec.conditions);
        conditions.add(exists ? c : DSL.not(c));
        return this;
    }

    private <T> T nonNull(T value) {
        if (value == null) {
            throw new InvalidReadException("A relation filter below " + path + " was given a null relation.");
        }
        return value;
    }

    List<Condition> conditions() {
        return conditions;
    }

    List<Relation> walked() {
        return walked;
    }
}

package io.jooqrelations.query;

import io.jooqrelations.query.internal.ForeignTableCheck;
import io.jooqrelations.query.internal.Join;
import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.One;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.RelationKind;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A value computed from related rows, for {@code extra(name, related)}, {@code withCount(...)} and
 * {@code orderBy(related, order)}: a column reached through to-one relations ({@link #value}), or an aggregate over a
 * relation ({@link #count}, {@link #sum}, {@link #min}, {@link #max}, {@link #avg}, {@link #exists}), with the
 * relation's own filter and optional extra conditions. Each becomes a correlated scalar subquery in the same single
 * statement.
 *
 * <pre>{@code
 * reads.from(INVOICES)
 *     .withCount("lineItems")                                                        // lineItemsCount
 *     .extra("lineItemsTotal", Related.sum("lineItems", INVOICE_LINE_ITEMS.QUANTITY.mul(INVOICE_LINE_ITEMS.UNIT_PRICE)))
 *     .extra("urgent", Related.exists("tags").where(TAGS.NAME.eq("urgent")))
 *     .orderBy(Related.value("organization", ORGANIZATIONS.NAME), SortOrder.ASC)
 *     .findMany();
 * }</pre>
 */
public final class Related {

    private enum Kind { VALUE, COUNT, SUM, MIN, MAX, AVG, EXISTS }

    private final Kind kind;
    private final String path;
    /** The handle the value was made with, if any: it must start at the level that uses the value. */
    private final RelationHandle<?, ?> handle;
    private final Field<?> field;
    private final List<Condition> conditions;

    private Related(Kind kind, String path, Field<?> field, List<Condition> conditions) {
        this(kind, path, null, field, conditions);
    }

    private Related(Kind kind, String path, RelationHandle<?, ?> handle, Field<?> field, List<Condition> conditions) {
        this.kind = kind;
        this.path = path;
        this.handle = handle;
        this.field = field;
        this.conditions = conditions;
    }

    private static Related typed(Kind kind, RelationHandle<?, ?> handle, Field<?> field) {
        nonNull(handle, "relation");
        return new Related(kind, handle.relation().name(), handle, field, List.of());
    }

    /** A column of the row reached through to-one relations, e.g. {@code value("assignee", USERS.DISPLAY_NAME)} or a dotted path. */
    public static Related value(String toOnePath, Field<?> column) {
        return new Related(Kind.VALUE, nonNull(toOnePath, "path"), nonNull(column, "column"), List.of());
    }

    /** The number of related rows (0 when none). */
    public static Related count(String relation) {
        return new Related(Kind.COUNT, nonNull(relation, "relation"), null, List.of());
    }

    /** Typed {@link #value(String, Field)} over one to-one relation. */
    public static Related value(One<?, ?> relation, Field<?> column) {
        return typed(Kind.VALUE, relation, nonNull(column, "column"));
    }

    /** Typed {@link #count(String)}; refused at a level of another table than the handle's source. */
    public static Related count(RelationHandle<?, ?> relation) {
        return typed(Kind.COUNT, relation, null);
    }

    /** Typed {@link #sum(String, Field)}. */
    public static Related sum(RelationHandle<?, ?> relation, Field<? extends Number> expression) {
        return typed(Kind.SUM, relation, nonNull(expression, "expression"));
    }

    /** Typed {@link #min(String, Field)}. */
    public static Related min(RelationHandle<?, ?> relation, Field<?> expression) {
        return typed(Kind.MIN, relation, nonNull(expression, "expression"));
    }

    /** Typed {@link #max(String, Field)}. */
    public static Related max(RelationHandle<?, ?> relation, Field<?> expression) {
        return typed(Kind.MAX, relation, nonNull(expression, "expression"));
    }

    /** Typed {@link #avg(String, Field)}. */
    public static Related avg(RelationHandle<?, ?> relation, Field<? extends Number> expression) {
        return typed(Kind.AVG, relation, nonNull(expression, "expression"));
    }

    /** Typed {@link #exists(String)}. */
    public static Related exists(RelationHandle<?, ?> relation) {
        return typed(Kind.EXISTS, relation, null);
    }

    /** The sum of {@code expression} over the related rows ({@code null} when none, as in SQL). */
    public static Related sum(String relation, Field<? extends Number> expression) {
        return new Related(Kind.SUM, nonNull(relation, "relation"), nonNull(expression, "expression"), List.of());
    }

    /** The smallest value of {@code expression} over the related rows. */
    public static Related min(String relation, Field<?> expression) {
        return new Related(Kind.MIN, nonNull(relation, "relation"), nonNull(expression, "expression"), List.of());
    }

    /** The largest value of {@code expression} over the related rows. */
    public static Related max(String relation, Field<?> expression) {
        return new Related(Kind.MAX, nonNull(relation, "relation"), nonNull(expression, "expression"), List.of());
    }

    /** The average of {@code expression} over the related rows. */
    public static Related avg(String relation, Field<? extends Number> expression) {
        return new Related(Kind.AVG, nonNull(relation, "relation"), nonNull(expression, "expression"), List.of());
    }

    /** Whether at least one related row exists (a boolean). */
    public static Related exists(String relation) {
        return new Related(Kind.EXISTS, nonNull(relation, "relation"), null, List.of());
    }

    /** Only related rows meeting these conditions (on the related table) count; for aggregates. */
    public Related where(Condition... conditions) {
        if (kind == Kind.VALUE) {
            throw new InvalidReadException("Related.value(\"" + path + "\", ...) reads one row; where(...) applies to "
                    + "aggregates (count, sum, min, max, avg, exists).");
        }
        List<Condition> all = new ArrayList<>(this.conditions);
        for (Condition c : nonNull(conditions, "where")) {
            all.add(nonNull(c, "where"));
        }
        return new Related(kind, path, handle, field, List.copyOf(all));
    }

    /** The name {@code withCount} gives the value: {@code lineItems} → {@code lineItemsCount}. */
    String defaultName() {
        return path + "Count";
    }

    /** The correlated subquery for a level reading {@code table}. */
    Field<?> toField(Relations relations, Scope scope, Table<?> table, String levelPath) {
        if (handle != null && !TableNames.sameTable(handle.relation().source(), table)) {
            throw new InvalidReadException("Related." + kind.name().toLowerCase(java.util.Locale.ROOT) + "(...) on "
                    + levelPath + " was given the handle of " + handle.relation().qualifiedName() + ", which starts at "
                    + handle.relation().source().getName() + ", but this level reads " + table.getName()
                    + "; use a relation of " + table.getName() + ".");
        }
        if (kind == Kind.VALUE) {
            return valueField(relations, scope, table, Arrays.asList(path.split("\\.", -1)), levelPath);
        }
        Relation relation = relations.relation(table, path);
        String where = levelPath + "." + path;
        SelectQuery<Record> query = Join.of(relation, scope, relations).correlated();
        for (Condition c : conditions) {
            ForeignTableCheck.check(c, relation.target(), relations, "Related.where(...)", where);
        }
        query.addConditions(conditions);
        if (field != null) {
            ForeignTableCheck.check(field, relation.target(), relations, "Related." + kind.name().toLowerCase() + "(...)", where);
        }
        switch (kind) {
            case EXISTS:
                query.addSelect(DSL.inline(1));
                return DSL.field(DSL.exists(query)).coerce(SQLDataType.BOOLEAN.nullable(false));
            case COUNT:
                query.addSelect(DSL.count());
                return scalar(query).coerce(SQLDataType.INTEGER.nullable(false));
            case SUM:
                query.addSelect(DSL.sum(numeric(field)));
                break;
            case AVG:
                query.addSelect(DSL.avg(numeric(field)));
                break;
            case MIN:
                query.addSelect(DSL.min(field));
                break;
            case MAX:
                query.addSelect(DSL.max(field));
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        return scalar(query);
    }

    private Field<?> valueField(Relations relations, Scope scope, Table<?> table, List<String> hops, String levelPath) {
        Relation relation = relations.relation(table, hops.get(0));
        if (relation.kind() != RelationKind.ONE) {
            throw new InvalidReadException("Related.value(\"" + path + "\", ...) on " + levelPath + " walks "
                    + relation.qualifiedName() + ", a many; a value path may only walk to-one relations. Use an aggregate "
                    + "such as Related.max(\"" + relation.name() + "\", ...) instead.");
        }
        SelectQuery<Record> query = Join.of(relation, scope, relations).correlated();
        if (hops.size() > 1) {
            query.addSelect(valueField(relations, scope, relation.target(), hops.subList(1, hops.size()), levelPath));
        } else {
            if (field instanceof TableField<?, ?> column && !TableNames.sameTable(column.getTable(), relation.target())) {
                throw new InvalidReadException("Related.value(\"" + path + "\", " + TableNames.displayName(column.getTable()) + "."
                        + column.getName() + ") on " + levelPath + ": the path ends at "
                        + TableNames.displayName(relation.target()) + ", so the column must be one of "
                        + TableNames.displayName(relation.target()) + ".");
            }
            ForeignTableCheck.check(field, relation.target(), relations, "Related.value(...)", levelPath + "." + path);
            query.addSelect(field);
        }
        query.addLimit(DSL.inline(1));
        return scalar(query);
    }

    @SuppressWarnings("unchecked")
    private static Field<?> scalar(SelectQuery<Record> query) {
        return DSL.field((org.jooq.Select<org.jooq.Record1<Object>>) (org.jooq.Select<?>) query);
    }

    @SuppressWarnings("unchecked")
    private static Field<? extends Number> numeric(Field<?> field) {
        return (Field<? extends Number>) field;
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new InvalidReadException("Related: the " + what + " is null.");
        }
        return value;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + "(" + path + (field == null ? "" : ", " + field) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Related r && r.kind == kind && r.path.equals(path) && r.handle == handle
                && Objects.equals(r.field, field) && r.conditions.equals(conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, field, conditions);
    }
}

package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QualifiedAsterisk;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.QOM;

/**
 * Rejects a condition, order or extra given at a level that refers to a table of the graph other than that level's:
 * in the correlated subquery the level becomes, such a reference would silently bind to an outer level and return
 * wrong data.
 *
 * <p>How: a bare column is judged directly. Anything else is rendered once (PostgreSQL dialect, the SQL text is thrown
 * away) with a {@link VisitListener} that judges each reference to a table where jOOQ visits it, by its own scope.
 * References are {@link TableField}s, other fields with a qualified name ({@code field(name("invoices", "id"))}),
 * whole rows ({@code field(INVOICES)}) and qualified asterisks ({@code INVOICES.asterisk()}). A reference is a
 * subquery's own when an enclosing {@link Select} on jOOQ's render stack ({@link VisitContext#queryParts()}) has its
 * table in its FROM ({@link Select#$from()}: comma lists, joins and lateral tables included, an aliased table by its
 * alias). An enclosing select does not count inside a non-lateral derived table or a common table expression of its
 * own (an APPLY counts as non-lateral), nor for another branch of its UNION: SQL would not bind there either. A
 * reference that is no subquery's own is judged like a bare column: the level's table, or a table outside the graph,
 * is fine; another graph table is an error. Tables are matched by name, as SQL binds them ({@code "invoices"."id"}
 * refers to whatever is called {@code invoices} in scope; case-insensitively, to stay on the safe side). Values are
 * never references: a string {@code '"invoices"."id"'} is a bind value, not a field.
 *
 * <p>What it cannot see: plain-SQL text is opaque, so {@code DSL.condition("invoices.id = 1")} or
 * {@code DSL.field("invoices.id")} pass unchecked (template arguments, as in {@code DSL.condition("{0} > 1",
 * INVOICES.ID)}, are query parts and are checked). Unqualified names ({@code field(name("invoice_id"))}) bind to
 * whatever table in scope has such a column and are not judged. Nor are implicit join paths
 * ({@code INVOICES.organizations().NAME}, {@code selectOne().from(INVOICES.invoiceTags())}): they are named by a
 * generated alias, and jOOQ joins or correlates them to their root table wherever that is in scope when the whole read
 * renders, which rendering the part alone does not show.
 */
public final class ForeignTableCheck {

    /** The judge of the check running on this thread; the one rendering context below hands it every visit. */
    private static final ThreadLocal<Judge> JUDGE = new ThreadLocal<>();

    /**
     * One context for all checks, so that a check costs a render and not a new configuration: its listener forwards
     * each visit to the judge of the current thread.
     */
    private static final DSLContext RENDER = DSL.using(DSL.using(SQLDialect.POSTGRES).configuration()
            .derive(new DefaultVisitListenerProvider(new VisitListener() {
                @Override
                public void visitStart(VisitContext context) {
                    Judge judge = JUDGE.get();
                    if (judge != null) {
                        judge.visitStart(context);
                    }
                }
            })));

    private ForeignTableCheck() {
    }

    /** Throws {@link InvalidReadException} if {@code part} refers to a graph table other than {@code levelTable}. */
    public static void check(QueryPart part, Table<?> levelTable, Relations relations, String method, String path) {
        QueryPart p = part;
        while (p instanceof QOM.FieldAlias<?> alias) {
            // an extra is selected as field.as(name), which renders the aliased expression itself
            p = alias.$field();
        }
        if (onlyLevelColumnsAndValues(p, levelTable)) {
            return;   // the common case (a comparison of the level's column with a value), judged without rendering
        }
        if (p instanceof TableField<?, ?> column && column.getTable() != null) {
            Table<?> other = foreignGraphTable(column.getTable(), null, levelTable, relations);
            if (other != null) {
                throw wrongTable(TableNames.displayName(other), levelTable, method, path);
            }
            return;
        }
        Judge judge = new Judge(levelTable, relations);
        Judge outer = JUDGE.get();
        JUDGE.set(judge);
        try {
            RENDER.render(p);
        } finally {
            // a check never nests inside another on one thread, but restore whatever was there
            if (outer == null) {
                JUDGE.remove();
            } else {
                JUDGE.set(outer);
            }
        }
        if (judge.foreign != null) {
            throw wrongTable(TableNames.displayName(judge.foreign), levelTable, method, path);
        }
    }

    /**
     * Whether {@code part} is a comparison, null test, range, list test or sort made of nothing but columns of the very
     * level table object and values: it can refer to no other table. Anything else is judged by rendering it.
     */
    private static boolean onlyLevelColumnsAndValues(QueryPart part, Table<?> levelTable) {
        if (part instanceof TableField<?, ?> column) {
            return column.getTable() == levelTable;
        }
        if (part instanceof Param<?>) {
            return true;
        }
        if (part instanceof QOM.CompareCondition<?, ?> compare) {
            return onlyLevelColumnsAndValues(compare.$arg1(), levelTable)
                    && onlyLevelColumnsAndValues(compare.$arg2(), levelTable);
        }
        if (part instanceof QOM.IsNull test) {
            return onlyLevelColumnsAndValues(test.$field(), levelTable);
        }
        if (part instanceof QOM.IsNotNull test) {
            return onlyLevelColumnsAndValues(test.$field(), levelTable);
        }
        if (part instanceof QOM.Between<?> between) {
            return onlyLevelColumnsAndValues(between.$arg1(), levelTable)
                    && onlyLevelColumnsAndValues(between.$arg2(), levelTable)
                    && onlyLevelColumnsAndValues(between.$arg3(), levelTable);
        }
        if (part instanceof QOM.InList<?> in) {
            return onlyLevelColumnsAndValues(in.$arg1(), levelTable)
                    && in.$arg2().stream().allMatch(value -> onlyLevelColumnsAndValues(value, levelTable));
        }
        if (part instanceof org.jooq.SortField<?> sort) {
            return onlyLevelColumnsAndValues(sort.$field(), levelTable);
        }
        return false;
    }

    /** Judges each column reference while the part renders; remembers the first foreign one. */
    private static final class Judge implements VisitListener {

        private final Table<?> levelTable;
        private final Relations relations;
        Table<?> foreign;

        Judge(Table<?> levelTable, Relations relations) {
            this.levelTable = levelTable;
            this.relations = relations;
        }

        @Override
        public void visitStart(VisitContext context) {
            if (foreign != null) {
                return;
            }
            QueryPart part = context.queryPart();
            Table<?> table = null;
            Name qualifier = null;
            if (part instanceof TableField<?, ?> column && column.getTable() != null) {
                table = column.getTable();
                if (table == levelTable) {
                    return; // the common case, before any name is looked at
                }
            } else if (part instanceof QOM.TableAsField<?> row) {
                table = row.$table(); // a whole row, rendered as its table's name
            } else if (part instanceof QualifiedAsterisk asterisk) {
                table = asterisk.$table();
            } else if (part instanceof Field<?> field && !(part instanceof Condition) && !(part instanceof Param)
                    && !(part instanceof QOM.FieldAlias) && field.getQualifiedName().qualified()) {
                qualifier = field.getQualifiedName().qualifier(); // a column by name only: field(name("invoices", "id"))
            } else {
                return;
            }
            Table<?> other = foreignGraphTable(table, qualifier, levelTable, relations);
            if (other != null && !inScope(context.queryParts(), table, qualifier)) {
                foreign = other;
            }
        }
    }

    /** The graph table other than the level's that the reference names, or null. */
    private static Table<?> foreignGraphTable(Table<?> table, Name qualifier, Table<?> levelTable, Relations relations) {
        if (refersTo(table, qualifier, levelTable)) {
            return null;
        }
        for (Table<?> t : relations.tables()) {
            if (refersTo(table, qualifier, t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether an enclosing select on the render stack has the referenced table in its FROM. {@code stack} runs from
     * the outermost part to the reference itself.
     */
    private static boolean inScope(QueryPart[] stack, Table<?> table, Name qualifier) {
        for (int i = stack.length - 2; i >= 0; i--) {
            if (!(stack[i] instanceof Select<?> select)) {
                continue;
            }
            if (stack[i + 1] instanceof Select) {
                // a wrapper of the select right after it (same FROM, judged there), or a set operation whose next
                // branch cannot see this branch's FROM
                continue;
            }
            if (!hidden(stack, i) && inFrom(select.$from(), table, qualifier)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the path from the select at {@code i} to the next select inside it leads through a non-lateral derived
     * table or a common table expression, where the select's own FROM is out of sight.
     */
    private static boolean hidden(QueryPart[] stack, int i) {
        boolean lateral = false;
        for (int j = i + 1; j < stack.length && !(stack[j] instanceof Select); j++) {
            QueryPart p = stack[j];
            if (p instanceof QOM.Lateral) {
                lateral = true;
            } else if ((p instanceof QOM.DerivedTable && !lateral) || p instanceof CommonTableExpression
                    || p instanceof QOM.With) {
                return true;
            }
        }
        return false;
    }

    private static boolean inFrom(Iterable<? extends Table<?>> from, Table<?> table, Name qualifier) {
        for (Table<?> t : from) {
            if (inFrom(t, table, qualifier)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inFrom(Table<?> from, Table<?> table, Name qualifier) {
        if (from instanceof QOM.JoinTable<?, ?> join) {
            return inFrom(join.$table1(), table, qualifier) || inFrom(join.$table2(), table, qualifier);
        }
        if (from instanceof QOM.Lateral<?> lateral) {
            return inFrom(lateral.$arg1(), table, qualifier);
        }
        // an aliased table (INVOICES.as("i"), a derived table ... as "d") is named by its alias
        return refersTo(table, qualifier, from);
    }

    /**
     * Whether a reference to {@code table} (null for a column known by name only), which SQL qualifies by
     * {@code qualifier} (null: the table's qualified name), names {@code candidate}.
     */
    private static boolean refersTo(Table<?> table, Name qualifier, Table<?> candidate) {
        if (table == candidate) {
            return true;
        }
        // cheap test first: a table's name is the last part of its qualified name (its alias if aliased)
        String last = table != null ? table.getName() : qualifier.last();
        if (last == null || !last.equalsIgnoreCase(candidate.getName())) {
            return false;
        }
        String candidateSchema = TableNames.schemaName(candidate);
        String[] b = candidate.getQualifiedName().getName();
        if (candidateSchema.isEmpty() && b.length > 1) {
            candidateSchema = b[b.length - 2];
        }
        String schema;
        if (table != null) {
            schema = TableNames.schemaName(table);
            String[] a = table.getQualifiedName().getName();
            if (schema.isEmpty() && a.length > 1) {
                schema = a[a.length - 2];
            }
        } else {
            String[] a = qualifier.getName();
            schema = a.length > 1 ? a[a.length - 2] : "";
        }
        // a reference without a schema ("accounts"."id") binds to whichever accounts is in scope: count it as this one
        return schema.isEmpty() || candidateSchema.isEmpty() || schema.equalsIgnoreCase(candidateSchema);
    }

    private static InvalidReadException wrongTable(String other, Table<?> levelTable, String method, String path) {
        return new InvalidReadException(method + " on " + path + " refers to table " + other + ", but this level reads "
                + TableNames.displayName(levelTable) + "; a level's conditions, orders and extras use its own table's columns. To filter "
                + "by a related table use whereHas(...), or give the condition at the level that reads " + other + ".");
    }
}

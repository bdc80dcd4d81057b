package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The single-statement back end: compiles a plan into ONE select and returns it with its {@link RowLayout}. A to-many
 * relation is a correlated subquery in the projection, wrapped in {@code MULTISET} — or, for the top level's to-many
 * relations when the read's {@code JoinShape} asks for it, a grouped aggregate joined to the top level
 * ({@link #joinGrouped}). A to-one relation is joined, its columns projected flat right after a presence marker: a
 * bare key lookup as a plain {@code LEFT JOIN} of the aliased target table, anything else (its own where, extras,
 * nested relations, a junction, a filter or tenant rule) as a {@code LEFT JOIN LATERAL} of a one-row subquery — or,
 * where the dialect has no {@code LATERAL} (MariaDB, SQLite), as a MULTISET of at most one row. Nested
 * where/orderBy/limit/offset live inside the subqueries, so they apply per parent row (on MariaDB a nested limit is a
 * slice of the level's ordered rows, {@link JsonSlice}). Which of these each relation is, the {@link ReadPlanner} decided
 * ({@link LevelPlan.Shape}); how a dialect writes it, {@link DialectSupport} says.
 *
 * <p>Why joins and not a one-row {@code MULTISET} for to-ones: the multiset costs PostgreSQL an aggregate and a JSON
 * document per parent row and costs the client a JSON parse; a join costs neither (measured on the invoice-detail
 * benchmark), and neither join can multiply parent rows: the plain one matches a unique key, the lateral one is limited
 * to one row by the level's {@link RowPolicy}.
 */
public final class MultisetBackend {

    /** The back end: one statement per read, its rows typed. */
    public static final ReadBackend<List<RowView>> ROWS = new ReadBackend<>() {
        @Override
        public List<RowView> read(LevelPlan plan, ReadExecutor executor) {
            RenderCache.Statement<Compiled> statement = executor.statement(plan, "rows",
                    () -> MultisetBackend.compile(executor.dsl(), plan), Compiled::query, Compiled.DECODING);
            return statement.compiled().read(executor.fetch(statement));
        }

        @Override
        public Compiled compile(LevelPlan plan, DSLContext dsl) {
            return MultisetBackend.compile(dsl, plan);
        }
    };

    /** A compiled read: the statement and where each value of its rows sits. */
    public record Compiled(SelectQuery<Record> query, RowLayout layout) implements ReadBackend.Statement<List<RowView>> {

        /**
         * What the render cache keeps of a compiled read: its layout over no plan. A later read of the shape gets the
         * layout over its own plan, and no query (it runs the cached SQL).
         */
        public static final RenderCache.Decoding<Compiled> DECODING = new RenderCache.Decoding<>() {
            @Override
            public Object keep(Compiled compiled) {
                return compiled.layout().rebind(null);
            }

            @Override
            public Compiled reuse(Object kept, LevelPlan plan) {
                return new Compiled(null, ((RowLayout) kept).rebind(plan));
            }

            @Override
            public List<Object> describe(Compiled compiled) {
                return compiled.layout().describe();
            }
        };

        /** The top-level rows of a result of {@link #query()} (or of the same SQL run elsewhere). */
        @Override
        @SuppressWarnings("unchecked")
        public List<RowView> read(Result<? extends Record> result) {
            return RowView.rows((Result<Record>) result, layout);
        }

        /** One top-level row. */
        public RowView row(Record row) {
            return new RowView.Flat(row, 0, layout);
        }
    }

    private MultisetBackend() {
    }

    /**
     * Runs {@code body} with the nested levels of the reads it compiles read by jOOQ, not by the library's own JSON
     * decoder ({@link NestedJson}): the reference that decoder is tested against, and a way to rule it out. Reads
     * must not use the render cache ({@code NestedReads.withoutRenderCache()}).
     */
    public static <T> T withNestedRowsReadByJooq(java.util.function.Supplier<T> body) {
        return NestedJson.readByJooq(body);
    }

    /** The top-level select of {@code root}, with its seek values when it continues after a keyset cursor. */
    static Compiled compile(DSLContext dsl, LevelPlan root) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addFrom(root.table());
        query.addConditions(root.rootFilters());
        DialectSupport dialect = DialectSupport.of(dsl.dialect());
        RowLayout layout = project(new Projection(query, false), root, dialect);
        shape(query, root, root.limit());
        if (!root.seekAfter().isEmpty()) {
            query.addSeekAfter(root.seekAfter());
        }
        return new Compiled(query, layout);
    }

    /** The select list of a level, each relation in the shape its plan decided; returns where each value went. */
    private static RowLayout project(Projection select, LevelPlan level, DialectSupport dialect) {
        RowLayout.Builder layout = new RowLayout.Builder(level, select.fields);
        for (int i = 0; i < level.columns().size(); i++) {
            layout.column(i);
            select.add(level.columns().get(i));
        }
        for (int i = 0; i < level.extras().size(); i++) {
            layout.extra(i);
            select.add(level.extras().get(i).field(), level.extras().get(i).name());
        }
        for (int i = 0; i < level.children().size(); i++) {
            LevelPlan.Child child = level.children().get(i);
            switch (child.shape()) {
                case GROUPED -> joinGrouped(select, layout, i, child, level, dialect);
                case LOOKUP_JOIN -> joinLookup(select, layout, i, child);
                case LATERAL_JOIN -> joinLateral(select, layout, i, child, dialect);
                case CORRELATED, SLICED, NESTED_ONE -> {
                    if (!child.many()) {
                        layout.nestedOne(i);
                    }
                    nest(select, layout, i, child, dialect);
                }
                case BATCH -> throw new IllegalStateException(child.name() + " is planned for a query per level");
            }
        }
        for (int i = 0; i < level.trees().size(); i++) {
            layout.tree(i);
            select.add(TreeSql.field(level.trees().get(i), dialect.hasArrays()),
                    level.trees().get(i).name());
        }
        return layout.build();
    }

    /**
     * A relation as a correlated {@code MULTISET} in the select list: a to-many, or — where the dialect has no
     * {@code LATERAL} — a to-one that is more than a key lookup, as at most one nested row (its policy's limit).
     */
    private static void nest(Projection select, RowLayout.Builder layout, int i, LevelPlan.Child child,
            DialectSupport dialect) {
        SelectQuery<Record> sub = child.join().correlated();
        Projection nested = Projection.nested(sub, dialect.namesNestedValues());
        RowLayout nestedLayout = project(nested, child.level(), dialect).chunked(nested.finish());
        NestedJson.RowDecoder decoder = dialect.decodesNestedJson() ? NestedJson.decoder(nested.fields, nestedLayout)
                : null;
        layout.childLayout(i, nestedLayout.decodedBy(decoder));
        LevelPlan level = child.level();
        layout.child(i);
        if (child.shape() == LevelPlan.Shape.SLICED) {
            // MariaDB resolves no outer reference inside the derived table jOOQ limits a MULTISET in
            sub.addConditions(level.conditions());
            sub.addOrderBy(level.orderBy());
            Field<Result<Record>> all = DSL.multiset(sub);
            select.add(JsonSlice.of(all, all.getDataType(), level.offset(), child.limit()), child.name());
            return;
        }
        shape(sub, level, child.limit());
        select.add(nestedRows(DSL.multiset(sub), decoder), child.name());
    }

    /**
     * where, orderBy, {@code limit} (the one the plan decided for the level here) and offset of a level. Limits and
     * offsets are part of the read's shape, not values: they are written into the SQL, so that PostgreSQL can plan the
     * statement once (a generic plan) instead of on every run, which it never does for a bind parameter inside a nested
     * limit.
     */
    static void shape(SelectQuery<Record> query, LevelPlan level, Integer limit) {
        query.addConditions(level.conditions());
        query.addOrderBy(level.orderBy());
        if (limit != null && level.offset() != null) {
            query.addLimit(DSL.inline(level.offset()), DSL.inline(limit));
        } else if (limit != null) {
            query.addLimit(DSL.inline(limit));
        } else if (level.offset() != null) {
            query.addOffset(DSL.inline(level.offset()));
        }
    }

    /**
     * {@code LEFT JOIN LATERAL (select true as c0, <the level's values as c1, c2...> limit 1) as "<relation>" ON true},
     * and the derived table's columns in the projection.
     */
    private static void joinLateral(Projection select, RowLayout.Builder layout, int i, LevelPlan.Child child,
            DialectSupport dialect) {
        SelectQuery<Record> sub = child.join().correlated();
        Projection row = new Projection(sub, true);
        row.add(DSL.inline(true));
        layout.childLayout(i, project(row, child.level(), dialect));
        shape(sub, child.level(), child.limit());
        Table<Record> derived = sub.asTable(alias(child));
        select.queryJoin(DSL.lateral(derived), DSL.trueCondition());
        layout.child(i);
        for (Field<?> field : derived.fields()) {
            select.add(field);
        }
    }

    /**
     * A to-many of the top level read grouped instead of correlated: {@code LEFT JOIN (select <link>, json_agg(<row>
     * order by <level order>) from <target> where <link> in (select <key> from <top table> where <top conditions>)
     * group by <link>) as "<relation>" ON <link> = <key>}. The children of all parents are aggregated in one pass that
     * PostgreSQL can hash or merge, instead of a subquery per parent row run in a nested loop: 30 times faster when no
     * index leads with the link (each correlated subquery scans the child table), 3 times slower when one does (see
     * {@code JoinShape.AUTO} for the measurements and the rule).
     * The aggregate is typed as the MULTISET it replaces (jOOQ reads both alike); the rows it carries are the level's
     * own projection, nested relations included.
     *
     * <p>The parent set is the top level's own select of its keys: its conditions, tenant filter, order, limit and
     * offset. When this shape applies (no window of the relation's own, a row that fits one call, no self-reference) is
     * the {@link ReadPlanner}'s decision.
     */
    private static void joinGrouped(Projection select, RowLayout.Builder layout, int i, LevelPlan.Child child,
            LevelPlan parent, DialectSupport dialect) {
        LevelPlan level = child.level();
        Relation relation = child.relation();
        SelectQuery<Record> parents = DSL.select(relation.sourceColumns()).getQuery();
        parents.addFrom(parent.table());
        parents.addConditions(parent.rootFilters());
        shape(parents, parent, parent.limit());
        SelectQuery<Record> sub = child.join().forParents(parents);
        Projection row = Projection.nested(sub);
        RowLayout rowLayout = project(row, level, dialect);
        if (NestedRows.chunkFor(row.size()) != 0) {   // the planner measured the row by LevelPlan.width()
            throw new IllegalStateException("The grouped row of " + level.path() + " is " + row.size() + " values wide");
        }
        sub.addConditions(level.conditions());
        List<TableField<?, ?>> link = child.join().linkColumns();
        for (int k = 0; k < link.size(); k++) {
            sub.addSelect(link.get(k).as(Aliases.column(k)));
        }
        sub.addSelect(DSL.jsonArrayAgg(DSL.jsonArray(row.unnamed())).orderBy(level.orderBy()).as(Aliases.column(link.size())));
        sub.addGroupBy(link);
        Table<Record> grouped = sub.asTable(alias(child));
        select.queryJoin(grouped, Join.equal(List.of(grouped.fields()).subList(0, link.size()),
                relation.sourceColumns()));
        NestedJson.RowDecoder decoder = NestedJson.decoder(row.fields, rowLayout);
        layout.child(i);
        layout.childLayout(i, rowLayout.decodedBy(decoder));
        org.jooq.Name aggregate = grouped.field(link.size()).getQualifiedName();
        // without a decoder: typed as the MULTISET of the same row, so that jOOQ reads the aggregate into records
        // exactly like one (a field of that type by name, not a coerce: jOOQ reads a coerced field by its original type)
        select.add(decoder != null ? DSL.field(aggregate, SQLDataType.JSON)
                : DSL.field(aggregate, DSL.multiset(DSL.select(row.fields)).getDataType()), child.name());
    }

    /**
     * The field of a to-many's nested rows: the MULTISET itself, which jOOQ reads into records, or — when the library
     * decodes the level ({@link NestedJson}) — the same SQL read as the JSON text it is.
     */
    private static Field<?> nestedRows(Field<Result<Record>> multiset, NestedJson.RowDecoder decoder) {
        return decoder == null ? multiset : DSL.field("{0}", SQLDataType.JSON, multiset);
    }

    /**
     * {@code LEFT JOIN <target> AS "<relation>" ON <key> = <parent's foreign key>}; the first key column doubles as the
     * presence marker, being null exactly when no row matched.
     */
    private static void joinLookup(Projection select, RowLayout.Builder layout, int i, LevelPlan.Child child) {
        Relation relation = child.relation();
        Table<?> target = relation.target().as(alias(child));
        select.queryJoin(target, Join.equal(targetFields(target, relation.targetColumns()), relation.sourceColumns()));
        layout.child(i);
        select.add(target.field(relation.targetColumns().get(0)));
        RowLayout.Builder values = new RowLayout.Builder(child.level(), select.fields);
        List<Field<?>> columns = child.level().columns();
        for (int c = 0; c < columns.size(); c++) {
            values.column(c);
            select.add(target.field(columns.get(c)));
        }
        layout.childLayout(i, values.build());
    }

    /** {@code columns} of the target as fields of {@code aliased}, its alias in a join. */
    static List<Field<?>> targetFields(Table<?> aliased, List<? extends Field<?>> columns) {
        List<Field<?>> fields = new ArrayList<>(columns.size());
        columns.forEach(c -> fields.add(aliased.field(c)));
        return fields;
    }

    /**
     * The relation's name, unless a table of the graph has that name: the alias shares the FROM clause with the level's
     * table (and, below it, with junctions), where a duplicate name would be an error or a wrong correlation.
     */
    static String alias(LevelPlan.Child child) {
        return Aliases.table(child.name(), child.level().graph());
    }
}

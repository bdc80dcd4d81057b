package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.OrderField;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.RenderContext;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DefaultVisitListenerProvider;

/**
 * What decides the SQL of a read, as a string — two reads with equal keys render the same statement, up to the values
 * of their bind parameters — and those parameters, in the order the key met them.
 *
 * <p>The plan's own structure (tables, columns, relations, limits, options) is written as text; every jOOQ expression a
 * user or the graph supplied (conditions, orders, extras, relation filters, tenant conditions) is rendered by jOOQ with
 * {@code ?} for its bind values, so an expression's shape is in the key and its values are not. Rendering a few small
 * expressions costs a fraction of rendering the whole nested statement, which is what the {@link RenderCache} saves.
 * {@code \0} separates the parts: no SQL text holds it.
 *
 * @param text   the key
 * @param graph  the relations graph the plan walks (relation names are unique only within it)
 * @param params the bind parameters of the rendered expressions, in order
 */
public record ShapeKey(String text, Object graph, List<Param<?>> params) {

    private static final Object PARAMS = new Object();

    /** A context that renders expressions for keys: {@code reads}' settings, and a listener that collects parameters. */
    static DSLContext fragmentContext(DSLContext reads) {
        VisitListener collector = new VisitListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void visitStart(VisitContext context) {
                if (context.queryPart() instanceof Param<?> param && !param.isInline()
                        && context.data(PARAMS) instanceof List<?> params) {
                    ((List<Param<?>>) params).add(param);
                }
            }
        };
        return org.jooq.impl.DSL.using(reads.configuration().derive(new DefaultVisitListenerProvider(collector)));
    }

    /**
     * The key of running {@code plan} in the form {@code form} (the output and its options, e.g. {@code many}, {@code
     * first} or {@code json-first CAMEL_CASE}), its expressions rendered by a {@link #fragmentContext}.
     */
    static ShapeKey of(DSLContext fragments, LevelPlan plan, String form) {
        List<Param<?>> params = new ArrayList<>();
        RenderContext sql = fragments.renderContext();
        sql.data(PARAMS, params);
        sql.sql(form);
        level(sql, plan, true);
        return new ShapeKey(sql.render(), plan.graph(), params);
    }

    private static void level(RenderContext sql, LevelPlan plan, boolean withTrees) {
        sql.sql("\0level ").sql(plan.path()).sql('\0').sql(plan.table().getClass().getName()).sql('\0');
        // the table as it is declared in a FROM clause: its name, alias, or the whole derived table
        sql.declareTables(true).visit(plan.table()).declareTables(false);
        sql.sql("\0columns");
        for (int i = 0; i < plan.columns().size(); i++) {
            sql.sql('\0').sql(plan.columns().get(i).getName()).sql('\0').sql(String.valueOf(plan.explicitKey(i)));
            type(sql, plan.columns().get(i));
        }
        sql.sql("\0extras");
        for (LevelPlan.Extra extra : plan.extras()) {
            sql.sql('\0').sql(extra.name()).sql('\0');
            expression(sql, extra.field());
            type(sql, extra.field());
        }
        expressions(sql, "\0where", plan.conditions());
        expressions(sql, "\0tenant", plan.rootFilters());
        sql.sql("\0filters");
        plan.filterRelations().forEach(relation -> relation(sql, relation));
        sql.sql("\0order");
        for (OrderField<?> order : plan.orderBy()) {
            sql.sql('\0');
            expression(sql, order);
        }
        sql.sql("\0limit ").sql(String.valueOf(plan.limit())).sql(" offset ").sql(String.valueOf(plan.offset()));
        for (LevelPlan.Child child : plan.children()) {
            sql.sql("\0child ").sql(child.name()).sql(' ').sql(child.policy().name())
                    .sql(child.required() ? " required" : " optional");
            join(sql, child.join());
            level(sql, child.level(), true);
        }
        if (withTrees) {
            for (LevelPlan.Tree tree : plan.trees()) {
                sql.sql("\0tree ").sql(tree.name()).sql(' ').sql(String.valueOf(tree.maxDepth()));
                join(sql, tree.join());
                // a tree's node level holds the tree again: its columns are the table's, its tree is this one
                level(sql, tree.nodeLevel(), false);
            }
        }
        sql.sql("\0end");
    }

    /**
     * What a value is read as: its Java type, SQL type and converter class. Two fields that render alike (a column of two
     * generated classes of one table, {@code field("x", Integer.class)} and {@code field("x", String.class)}) decode
     * differently. Converters are told apart by class, not instance (an aliased generated table makes new instances on
     * every read): two converters of one class to one type in the same place of one shape would share a decoder.
     */
    private static void type(RenderContext sql, org.jooq.Field<?> field) {
        org.jooq.DataType<?> type = field.getDataType();
        sql.sql('\0').sql(type.getType().getName()).sql(' ').sql(type.getTypeName())
                .sql(type.getConverter().getClass().getName());
    }

    private static void join(RenderContext sql, Join join) {
        relation(sql, join.relation());
        expressions(sql, "\0join", join.targetFilters());
        expressions(sql, "\0junction", join.junctionFilters());
    }

    /** A relation: its source table (schema and name) and its name, unique within the graph. */
    private static void relation(RenderContext sql, Relation relation) {
        org.jooq.Schema schema = relation.source().getSchema();
        sql.sql('\0').sql(schema == null ? "" : schema.getName()).sql('.').sql(relation.source().getName()).sql('.')
                .sql(relation.name());
    }

    private static void expressions(RenderContext sql, String label, List<Condition> conditions) {
        sql.sql(label);
        for (Condition condition : conditions) {
            sql.sql('\0');
            expression(sql, condition);
        }
    }

    private static void expression(RenderContext sql, QueryPart part) {
        sql.visit(part);
    }
}

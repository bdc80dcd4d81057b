package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.OrderField;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/**
 * What decides the SQL of a read — two reads with equal keys render the same statement, up to the values of their bind
 * parameters — and those parameters, in the order the key met them.
 *
 * <p>A key is a list of parts: the key's own {@link Marker}s, which no other part can equal, and strings, classes and
 * numbers. The plan's own structure (tables, columns, relations, limits, options) is written part by part. So are the
 * common expressions: columns, bind values (with the type they are bound as), comparisons, null tests, {@code in}
 * lists, {@code and}/{@code or}/{@code not} and sorts — each of jOOQ's own classes, whose whole state its model API
 * ({@code QOM}) shows ({@code between} is not among them: its negation is hidden). Any other expression a user or the
 * graph supplied (conditions, orders, extras, relation filters, tenant conditions) is rendered by jOOQ with {@code ?} for
 * its bind values ({@link KeyFragments}), so its shape is in the key and its values are not — unless jOOQ's own code
 * does not render it (a user's query part), or a value's SQL depends on the value: then the key cannot be written
 * ({@link Uncacheable}) and the read is rendered on its own. Each value's converter and binding are in the key by what
 * they do ({@link BehaviourKey}). Tables are described by their jOOQ declaration, rendered once per table object.
 *
 * <p>Why a list and not one string: most parts are the same objects on every read (the generated tables' names and
 * types, the remembered declarations), whose hash codes are computed once and which compare by identity first, so
 * looking a key up costs little more than walking it; a string of the same content (2 KB for a four-relation read) had
 * to be built, hashed and compared character by character on every read.
 *
 * @param parts  the key
 * @param graph  the relations graph the plan walks (relation names are unique only within it)
 * @param params the bind parameters of the key's expressions, in order
 * @param reusesParams whether one {@link Param} object stands in more than one place of the key: then which {@code ?}
 *                     of the statement is which place cannot be told by the object, and the read must not define the
 *                     shape's statement (it may still run one defined by another read: that binds the same object
 *                     into both places)
 */
public record ShapeKey(List<Object> parts, Object graph, List<Param<?>> params, boolean reusesParams) {

    /**
     * Thrown while a key is written when the read holds something whose effect on the SQL or on the decoding the key
     * cannot capture: the read is rendered on its own, as without a cache.
     */
    static final class Uncacheable extends RuntimeException {

        Uncacheable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One of the key's own markers: equal only to itself, never to a name or a rendering. */
    private record Marker(String name) {

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "<" + name + ">";
        }
    }

    private static final Marker LEVEL = new Marker("level");
    private static final Marker COLUMN = new Marker("column");
    private static final Marker EXTRA = new Marker("extra");
    private static final Marker WHERE = new Marker("where");
    private static final Marker TENANT = new Marker("tenant");
    private static final Marker FILTER = new Marker("filter");
    private static final Marker ORDER = new Marker("order");
    private static final Marker LIMIT = new Marker("limit");
    private static final Marker CHILD = new Marker("child");
    private static final Marker TREE = new Marker("tree");
    private static final Marker END = new Marker("end");
    private static final Marker TYPE = new Marker("type");
    private static final Marker RELATION = new Marker("relation");
    private static final Marker JOIN = new Marker("join");
    private static final Marker JUNCTION = new Marker("junction");
    private static final Marker REFERENCE = new Marker("column reference");
    private static final Marker PARAM = new Marker("?");
    private static final Marker SORT = new Marker("sort");
    private static final Marker COMPARE = new Marker("compare");
    private static final Marker AND = new Marker("and");
    private static final Marker OR = new Marker("or");
    private static final Marker NOT = new Marker("not");
    private static final Marker IS_NULL = new Marker("is null");
    private static final Marker IS_NOT_NULL = new Marker("is not null");
    private static final Marker IN = new Marker("in");
    private static final Marker NOT_IN = new Marker("not in");
    private static final Marker SQL = new Marker("sql");

    /**
     * The key of running {@code plan} in the form {@code form} (the output and its options, e.g. {@code many}, {@code
     * first} or {@code json-first CAMEL_CASE}), what it cannot write itself rendered by {@code fragments}.
     */
    static ShapeKey of(KeyFragments fragments, LevelPlan plan, String form) {
        if (!plan.seekAfter().isEmpty()) {   // the seek values are the page's own: never a shared statement
            throw new Uncacheable("a page after a cursor");
        }
        Writer key = new Writer(fragments);
        key.parts.add(form);
        key.level(plan, true);
        return new ShapeKey(key.parts, plan.graph(), key.params, repeats(key.params));
    }

    /** Whether some object occurs twice in {@code params}. */
    private static boolean repeats(List<Param<?>> params) {
        int n = params.size();
        if (n > 16) {
            java.util.Set<Param<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Param<?> param : params) {
                if (!seen.add(param)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (params.get(i) == params.get(j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The key as text, for messages. */
    public String describe() {
        return parts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" "));
    }

    /** Writes one key. */
    private static final class Writer {

        private final KeyFragments fragments;
        private final List<Object> parts = new ArrayList<>(256);
        private final List<Param<?>> params = new ArrayList<>();

        Writer(KeyFragments fragments) {
            this.fragments = fragments;
        }

        void level(LevelPlan plan, boolean withTrees) {
            add(LEVEL, plan.path(), plan.table().getClass(), fragments.declaration(plan.table(), params));
            for (int i = 0; i < plan.columns().size(); i++) {
                add(COLUMN, plan.columns().get(i).getName(), plan.explicitKey(i));
                type(plan.columns().get(i).getDataType());
            }
            for (LevelPlan.Extra extra : plan.extras()) {
                add(EXTRA, extra.name());
                expression(extra.field());
                type(extra.field().getDataType());
            }
            expressions(WHERE, plan.conditions());
            expressions(TENANT, plan.rootFilters());
            for (Relation relation : plan.filterRelations()) {
                parts.add(FILTER);
                relation(relation);
            }
            for (OrderField<?> order : plan.orderBy()) {
                parts.add(ORDER);
                expression(order);
            }
            add(LIMIT, plan.limit(), plan.offset());
            for (LevelPlan.Child child : plan.children()) {
                add(CHILD, child.name(), child.policy(), child.required(), child.shape(), child.limit());
                join(child.join());
                level(child.level(), true);
            }
            if (withTrees) {
                for (LevelPlan.Tree tree : plan.trees()) {
                    add(TREE, tree.name(), tree.maxDepth());
                    join(tree.join());
                    // a tree's node level holds the tree again: its columns are the table's, its tree is this one
                    level(tree.nodeLevel(), false);
                }
            }
            parts.add(END);
        }

        /**
         * What a value is read or bound as: its Java type, SQL type, and how its converter and its binding behave
         * ({@link BehaviourKey}). Two fields that render alike (a column of two generated classes of one table,
         * {@code field("x", Integer.class)} and {@code field("x", String.class)}, {@code convertFrom} with two
         * lambdas) decode differently: they are other shapes, as the decoders compiled for one would misread the other.
         */
        private void type(DataType<?> type) {
            // an enum's or a UDT's type name is rendered anew on every call; their Java class names them already
            add(TYPE, type.getType(), type.isEnum() || type.isUDT() ? null : type.getTypeName(),
                    BehaviourKey.converter(type), BehaviourKey.binding(type));
        }

        private void join(Join join) {
            relation(join.relation());
            expressions(JOIN, join.targetFilters());
            expressions(JUNCTION, join.junctionFilters());
        }

        /** A relation: its source table (schema and name) and its name, unique within the graph. */
        private void relation(Relation relation) {
            org.jooq.Schema schema = relation.source().getSchema();
            add(RELATION, schema == null ? "" : schema.getName(), relation.source().getName(), relation.name());
        }

        private void expressions(Marker label, List<Condition> conditions) {
            for (Condition condition : conditions) {
                parts.add(label);
                expression(condition);
            }
        }

        /**
         * An expression: the common forms written structurally, anything else (and anything a form holds that is not
         * one of them) as jOOQ renders it.
         */
        private void expression(QueryPart part) {
            if (part instanceof TableField<?, ?> column && column.getTable() != null
                    && column.getClass().getName().equals("org.jooq.impl.TableFieldImpl")) {
                String table = fragments.declarationWithoutValues(column.getTable());
                if (table != null) {
                    add(REFERENCE, table, column.getName());
                    type(column.getDataType());
                    return;
                }
            } else if (part instanceof Param<?> param && !param.isInline()
                    && param.getClass().getName().equals("org.jooq.impl.Val")) {
                KeyFragments.requireBindable(param);
                add(PARAM, param.getParamName());
                type(param.getDataType());
                params.add(param);
                return;
            } else if (part instanceof SortField<?> sort) {
                add(SORT, sort.$sortOrder(), sort.$nullOrdering());
                operands(sort.$field());
                return;
            } else if (part instanceof QOM.Eq<?> || part instanceof QOM.Ne<?> || part instanceof QOM.Lt<?>
                    || part instanceof QOM.Le<?> || part instanceof QOM.Gt<?> || part instanceof QOM.Ge<?>
                    || part instanceof QOM.IsDistinctFrom<?> || part instanceof QOM.IsNotDistinctFrom<?>) {
                QOM.CompareCondition<?, ?> compare = (QOM.CompareCondition<?, ?>) part;
                add(COMPARE, part.getClass());
                operands(compare.$arg1(), compare.$arg2());
                return;
            } else if (part instanceof QOM.And and) {
                parts.add(AND);
                operands(and.$arg1(), and.$arg2());
                return;
            } else if (part instanceof QOM.Or or) {
                parts.add(OR);
                operands(or.$arg1(), or.$arg2());
                return;
            } else if (part instanceof QOM.Not not) {
                parts.add(NOT);
                operands(not.$arg1());
                return;
            } else if (part instanceof QOM.IsNull test) {
                parts.add(IS_NULL);
                operands(test.$field());
                return;
            } else if (part instanceof QOM.IsNotNull test) {
                parts.add(IS_NOT_NULL);
                operands(test.$field());
                return;
            } else if (part instanceof QOM.InList<?> in) {
                add(IN, in.$arg2().size());
                operands(in.$arg1());
                in.$arg2().forEach(this::expression);
                return;
            } else if (part instanceof QOM.NotInList<?> in) {
                add(NOT_IN, in.$arg2().size());
                operands(in.$arg1());
                in.$arg2().forEach(this::expression);
                return;
            }
            add(SQL, fragments.render(part, params));
        }

        private void operands(QueryPart... operands) {
            for (QueryPart operand : operands) {
                expression(operand);
            }
        }

        /**
         * Parts of the key: markers, strings, classes, numbers, jOOQ's enums and null. Nothing whose equality could
         * change, or that is made anew per read and compared by identity.
         */
        private void add(Object... some) {
            java.util.Collections.addAll(parts, some);
        }
    }
}

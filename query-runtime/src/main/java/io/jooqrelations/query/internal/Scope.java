package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A tenant scope bound to one tenant id: the condition that keeps a table's rows to that tenant. Built by
 * {@code TenantScope}, which hands over how each table is scoped.
 */
public final class Scope {

    private final Function<Table<?>, Field<?>> tenantColumn;
    private final Function<Table<?>, String> viaRelation;
    private final Object tenant;
    private final Relations relations;

    /**
     * {@code tenantColumn}: the column of a table holding the tenant id (or null); {@code viaRelation}: the relation to
     * follow to a scoped table (or null); neither: the table is shared.
     */
    public Scope(Function<Table<?>, Field<?>> tenantColumn, Function<Table<?>, String> viaRelation, Object tenant,
            Relations relations) {
        this.tenantColumn = tenantColumn;
        this.viaRelation = viaRelation;
        this.tenant = tenant;
        this.relations = relations;
    }

    /** The tenant condition on {@code table} as it is named in the current scope; empty for shared tables. */
    @SuppressWarnings("unchecked")
    public Optional<Condition> condition(Table<?> table) {
        Field<?> column = tenantColumn.apply(table);
        if (column != null) {
            Field<Object> typed = (Field<Object>) column;
            return Optional.of(typed.eq(DSL.val(column.getDataType().convert(tenant), typed.getDataType())));
        }
        String via = viaRelation.apply(table);
        if (via != null) {
            Relation relation = relations.relation(table, via);
            return Optional.of(Join.of(relation, this, relations).exists(List.of()));
        }
        return Optional.empty();
    }

    /** The tenant conditions of a nullable scope on {@code table}. */
    public static List<Condition> conditions(Scope scope, Table<?> table) {
        return scope == null ? List.of() : scope.condition(table).map(List::of).orElse(List.of());
    }
}

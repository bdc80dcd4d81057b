package io.jooqrelations.query;

import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** A {@link TenantScope} bound to one tenant id: the condition that keeps a table's rows to that tenant. */
final class Scope {

    private final TenantScope scope;
    private final Object tenant;
    private final Relations relations;

    Scope(TenantScope scope, Object tenant, Relations relations) {
        this.scope = scope;
        this.tenant = tenant;
        this.relations = relations;
    }

    /** The tenant condition on {@code table} as it is named in the current scope; empty for shared tables. */
    @SuppressWarnings("unchecked")
    Optional<Condition> condition(Table<?> table) {
        Field<?> column = scope.tenantColumn(table);
        if (column != null) {
            Field<Object> typed = (Field<Object>) column;
            return Optional.of(typed.eq(DSL.val(column.getDataType().convert(tenant), typed.getDataType())));
        }
        String via = scope.viaRelation(table);
        if (via != null) {
            Relation relation = relations.relation(table, via);
            return Optional.of(CorrelatedJoin.exists(relation, List.of(), this));
        }
        return Optional.empty();
    }
}

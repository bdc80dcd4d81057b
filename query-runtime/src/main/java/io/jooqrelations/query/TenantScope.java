package io.jooqrelations.query;

import io.jooqrelations.query.internal.Scope;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * How rows belong to a tenant, declared once for the whole graph: a tenant column that most tables carry, and for the
 * others a key column, a relation path to a scoped table, or "shared by all tenants". A read made through
 * {@link NestedReads#scopedTo(TenantScope, Object)} applies the scope at every level — nested relations, junctions,
 * relation filters, aggregates, trees — so it cannot be forgotten. Every table of the graph needs a rule; a missing one
 * is an error when the scoped reads are created.
 *
 * <pre>{@code
 * public static final TenantScope BY_ORGANIZATION = TenantScope.byColumn("organization_id")
 *     .key(ORGANIZATIONS, ORGANIZATIONS.ID)       // the tenant table itself
 *     .via(INVOICE_LINE_ITEMS, "invoice")         // belongs to the tenant of its invoice
 *     .via(COMMENTS, "invoice")
 *     .via(USERS, "memberships")                  // visible when a member of the tenant
 *     .shared(TAGS);                              // one catalogue for every tenant
 *
 * NestedReads tenantReads = reads.scopedTo(BY_ORGANIZATION, currentOrganizationId);
 * }</pre>
 */
public final class TenantScope {

    private final String column;
    private final Map<String, TableField<?, ?>> keys;
    private final Map<String, String> via;
    private final Set<String> shared;

    private TenantScope(String column, Map<String, TableField<?, ?>> keys, Map<String, String> via, Set<String> shared) {
        this.column = column;
        this.keys = keys;
        this.via = via;
        this.shared = shared;
    }

    /** Tables with a column of this name belong to the tenant whose id it holds. */
    public static TenantScope byColumn(String tenantColumn) {
        if (tenantColumn == null || tenantColumn.isBlank()) {
            throw new InvalidReadException("TenantScope.byColumn(...) needs the name of the tenant column, e.g. \"organization_id\".");
        }
        return new TenantScope(tenantColumn, Map.of(), Map.of(), Set.of());
    }

    /** {@code table} belongs to the tenant whose id its column {@code key} holds (e.g. the tenant table's own id). */
    public TenantScope key(Table<?> table, TableField<?, ?> key) {
        if (table == null || key == null || !TableNames.sameTable(key.getTable(), table)) {
            throw new InvalidReadException("TenantScope.key(table, column) needs a column of that table.");
        }
        Map<String, TableField<?, ?>> copy = new LinkedHashMap<>(keys);
        copy.put(TableNames.key(table), key);
        return new TenantScope(column, copy, via, shared);
    }

    /** {@code table} belongs to the tenant of the row(s) its relation {@code relation} leads to. */
    public TenantScope via(Table<?> table, String relation) {
        if (table == null || relation == null) {
            throw new InvalidReadException("TenantScope.via(table, relation) was given null.");
        }
        Map<String, String> copy = new LinkedHashMap<>(via);
        copy.put(TableNames.key(table), relation);
        return new TenantScope(column, keys, copy, shared);
    }

    /** Typed {@link #via(Table, String)}: the table is the handle's source. */
    public TenantScope via(RelationHandle<?, ?> relation) {
        if (relation == null) {
            throw new InvalidReadException("TenantScope.via(relation) was given null.");
        }
        return via(relation.relation().source(), relation.relation().name());
    }

    /** Rows of these tables are shared by every tenant (a global catalogue). */
    public TenantScope shared(Table<?>... tables) {
        Set<String> copy = new LinkedHashSet<>(shared);
        for (Table<?> t : tables) {
            if (t == null) {
                throw new InvalidReadException("TenantScope.shared(...) was given null.");
            }
            copy.add(TableNames.key(t));
        }
        return new TenantScope(column, keys, via, copy);
    }

    /** Checks that every table of {@code relations} has a rule and every path ends at a scoped table. */
    void validate(Relations relations) {
        Set<String> junctionOnly = new LinkedHashSet<>();
        relations.allRelations().forEach(r -> r.junction().ifPresent(j -> junctionOnly.add(TableNames.key(j))));
        relations.allRelations().forEach(r -> {
            junctionOnly.remove(TableNames.key(r.source()));
            junctionOnly.remove(TableNames.key(r.target()));
        });
        List<String> missing = new ArrayList<>();
        for (Table<?> table : relations.tables()) {
            String k = TableNames.key(table);
            if (table.field(column) == null && !keys.containsKey(k) && !via.containsKey(k) && !shared.contains(k)
                    && !junctionOnly.contains(k)) {
                missing.add(table.getName());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidReadException("Tenant scope by column '" + column + "' has no rule for "
                    + String.join(", ", missing) + ": give each a key(...), via(table, relation) to a scoped table, or "
                    + "declare it shared(...).");
        }
        for (Table<?> table : relations.tables()) {
            walkVia(relations, table, new LinkedHashSet<>());
        }
    }

    private void walkVia(Relations relations, Table<?> table, Set<String> seen) {
        String relation = via.get(TableNames.key(table));
        if (relation == null || table.field(column) != null || keys.containsKey(TableNames.key(table))) {
            return;
        }
        if (!seen.add(TableNames.key(table))) {
            throw new InvalidReadException("Tenant scope: the via(...) rules loop through " + String.join(" -> ", seen)
                    + "; one of them must end at a table with the column '" + column + "' or a key(...).");
        }
        Relation r = relations.relation(table, relation);
        if (shared.contains(TableNames.key(r.target()))) {
            throw new InvalidReadException("Tenant scope: " + table.getName() + " is scoped via " + r.qualifiedName()
                    + ", but " + r.target().getName() + " is shared; scope it via a table that belongs to a tenant.");
        }
        walkVia(relations, r.target(), seen);
    }

    /**
     * This scope bound to one tenant: the conditions every level of a scoped read applies. The id is converted to the
     * type of every tenant column now, so that an id of the wrong type fails here and not inside some later read.
     */
    Scope bind(Object tenantId, Relations relations) {
        for (Table<?> table : relations.tables()) {
            Field<?> tenantColumn = tenantColumn(table);
            if (tenantColumn != null) {
                Object converted;
                try {
                    converted = tenantColumn.getDataType().convert(tenantId);
                } catch (org.jooq.exception.DataTypeException e) {
                    converted = null;
                }
                // jOOQ converts what it cannot read to null, which would silently match no row
                if (converted == null) {
                    throw new InvalidReadException("scopedTo(..., " + tenantId + "): the tenant id is a "
                            + tenantId.getClass().getSimpleName() + ", but " + TableNames.displayName(table) + "."
                            + tenantColumn.getName() + " holds " + tenantColumn.getType().getSimpleName()
                            + "; pass the id as a " + tenantColumn.getType().getSimpleName() + ".");
                }
            }
        }
        return new Scope(this::tenantColumn, table -> via.get(TableNames.key(table)), tenantId, relations);
    }

    /** How {@code table} is scoped: its tenant column or key; null when it is scoped via a relation or shared. */
    private Field<?> tenantColumn(Table<?> table) {
        TableField<?, ?> key = keys.get(TableNames.key(table));
        return key != null ? key : table.field(column);
    }
}

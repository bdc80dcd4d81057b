package io.jooqrelations.relations.internal;

import org.jooq.Table;

/**
 * Internal, not API: a table's identity in the graph (its schema-qualified name, whatever object represents it) and how
 * messages name it.
 */
public final class TableNames {

    private TableNames() {
    }

    /**
     * The identity of a table in the graph: its schema-qualified name. Generated tables carry their schema in
     * {@link Table#getSchema()}, not in their name, so {@code crm.accounts} and {@code auth.accounts} differ here where
     * their qualified names ({@code "accounts"}) do not; a table of the default schema (empty name) or of none is
     * identified by its name alone. Generated tables and their copies compare equal.
     */
    public static String key(Table<?> table) {
        String schema = schemaName(table);
        return schema.isEmpty() ? table.getUnqualifiedName().toString()
                : org.jooq.impl.DSL.name(schema).append(table.getUnqualifiedName()).toString();
    }

    /** Whether two tables are the same table of the database: same name, same schema (see {@link #key}). */
    public static boolean sameTable(Table<?> a, Table<?> b) {
        if (a == b) {
            return true; // generated tables are singletons
        }
        if (a == null || b == null || !a.getName().equals(b.getName())) {
            return false; // the cheap test, before any name is rendered
        }
        return a.getQualifiedName().equals(b.getQualifiedName()) ? schemaName(a).equals(schemaName(b))
                : key(a).equals(key(b));
    }

    /**
     * The name of a table's schema as the graph sees it: the schema a generated table belongs to, or the qualifier of a
     * qualified name ({@code DSL.table(name("crm", "accounts"))}); empty for the default schema or none.
     */
    public static String schemaName(Table<?> table) {
        org.jooq.Name name = table.getQualifiedName();
        if (name.qualified()) {
            return name.qualifier().last();
        }
        org.jooq.Schema schema = table.getSchema();
        return schema == null ? "" : schema.getName();
    }

    /**
     * How messages and diagrams name a table: {@code crm.accounts} when it lives in a named schema, just
     * {@code accounts} in the default schema or {@code public} (where an unqualified name finds it).
     */
    public static String displayName(Table<?> table) {
        String schema = schemaName(table);
        return schema.isEmpty() || schema.equals("public") ? table.getName() : schema + "." + table.getName();
    }
}

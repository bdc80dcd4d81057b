package io.jooqrelations.query.internal;

import io.jooqrelations.relations.Relations;
import org.jooq.Table;

/**
 * Names the library gives to derived tables, CTEs and their columns. Columns of derived tables are always named by
 * position ({@code c0}, {@code c1}, ...), never after user columns, so no user column can collide with them; table
 * aliases avoid the names of every table of the graph.
 */
final class Aliases {

    private Aliases() {
    }

    /** {@code base}, or {@code base_2}, {@code base_3}... when a table of the graph is already called that. */
    static String table(String base, Relations relations) {
        String name = base;
        for (int i = 2; taken(name, relations); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static boolean taken(String name, Relations relations) {
        for (Table<?> table : relations.tables()) {
            if (table.getName().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The positional name of the {@code i}-th column of a derived table. */
    static String column(int i) {
        return "c" + i;
    }
}

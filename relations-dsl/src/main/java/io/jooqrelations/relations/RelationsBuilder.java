package io.jooqrelations.relations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.Record;
import org.jooq.Table;

/**
 * What the lambda given to {@link Relations#define} receives: start each table's relations with {@link #table}.
 *
 * <pre>{@code
 * Relations.define(r -> {
 *     r.table(ORGANIZATIONS).many("invoices", INVOICES);
 *     r.table(INVOICES).one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
 * });
 * }</pre>
 */
public final class RelationsBuilder {

    final List<Declaration> declarations = new ArrayList<>();

    RelationsBuilder() {
    }

    /** The relations of {@code table}; calling it twice for one table adds to the same set. */
    public <R extends Record> TableRelations<R> table(Table<R> table) {
        if (table == null) {
            throw new InvalidRelationsException("r.table(null): pass a generated table such as Tables.INVOICES "
                    + "(is the static import initialised?)");
        }
        Objects.requireNonNull(table.getName(), "table name");
        return new TableRelations<>(table, declarations);
    }
}

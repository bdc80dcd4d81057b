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
    /** Whether each declaration notes where it was written (a stack walk each: only to explain a duplicate name). */
    private final boolean traceOrigins;

    RelationsBuilder() {
        this(false);
    }

    private RelationsBuilder(boolean traceOrigins) {
        this.traceOrigins = traceOrigins;
    }

    /** A builder whose declarations note the line of the relations file that wrote them. */
    static RelationsBuilder tracing() {
        return new RelationsBuilder(true);
    }

    /** Adds {@code declaration}, with its origin when tracing. */
    void add(Declaration declaration) {
        declarations.add(traceOrigins ? declaration.at(caller()) : declaration);
    }

    /** The classes of the DSL a declaration passes through, skipped to find the relations file's line. */
    private static final java.util.Set<String> DSL_CLASSES = java.util.Set.of(RelationsBuilder.class.getName(),
            TableRelations.class.getName(), Declaration.class.getName());

    /** The first frame outside the DSL: the relations file's call of one(...)/many(...). */
    private static StackTraceElement caller() {
        return StackWalker.getInstance().walk(frames -> frames.filter(f -> !DSL_CLASSES.contains(f.getClassName()))
                .findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
    }

    /** The relations of {@code table}; calling it twice for one table adds to the same set. */
    public <R extends Record> TableRelations<R> table(Table<R> table) {
        if (table == null) {
            throw new InvalidRelationsException("r.table(null): pass a generated table such as Tables.INVOICES "
                    + "(is the static import initialised?)");
        }
        Objects.requireNonNull(table.getName(), "table name");
        return new TableRelations<>(table, this);
    }
}

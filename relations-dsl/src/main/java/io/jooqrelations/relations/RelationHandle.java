package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.Identifiers;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A typed reference to a relation: {@link One} or {@link Many}. Either looked up in a built graph
 * ({@link Relations#one}/{@link Relations#many}, checked at once), or declared first and handed to the relations file,
 * which names the relation through it ({@link One#of}/{@link Many#of} with {@link TableRelations#one(One, Link)}):
 * then the name and both tables are written once. A declared handle is bound to its relation when the graph that
 * declares it is built.
 *
 * <pre>{@code
 * RelationHandle<InvoicesRecord, ?> h = LINE_ITEMS;
 * h.relation().name();   // "lineItems"
 * }</pre>
 *
 * @param <S> the source table's record type
 * @param <T> the target table's record type
 */
public abstract sealed class RelationHandle<S extends Record, T extends Record> permits One, Many {

    private final Table<S> source;
    private final String name;
    private final Table<T> target;
    private final AtomicReference<Relation> relation = new AtomicReference<>();

    RelationHandle(Relation relation) {
        this(null, relation.name(), null);
        this.relation.set(relation);
    }

    RelationHandle(Table<S> source, String name, Table<T> target) {
        this.source = source;
        this.name = name;
        this.target = target;
    }

    /** A handle to declare: the relation {@code name} from {@code source} to {@code target}. */
    static void checkDeclared(Table<?> source, String name, Table<?> target, String method) {
        if (source == null || target == null || name == null) {
            throw new InvalidRelationsException(method + "(source, name, target) was given null; pass the generated "
                    + "tables and the relation's name, e.g. " + method + "(INVOICES, \"lineItems\", INVOICE_LINE_ITEMS).");
        }
        if (!Identifiers.isIdentifier(name)) {
            throw new InvalidRelationsException(method + "(" + source.getName() + ", \"" + name + "\", ...): a relation "
                    + "name must be letters, digits and '_', starting with a letter.");
        }
    }

    /** The relation this handle stands for. */
    public final Relation relation() {
        Relation bound = relation.get();
        if (bound == null) {
            throw new UnknownRelationException("The handle of relation " + source.getName() + "." + name + " was never "
                    + "declared in a graph; declare it in the relations file with r.table(" + source.getName() + ")."
                    + (this instanceof One ? "one" : "many") + "(handle, ...) before reading with it.");
        }
        return bound;
    }

    /** The relation's name. */
    public final String name() {
        return name;
    }

    /** For a declared handle: its source, name and target as the relations file declares them. */
    final Table<S> declaredSource() {
        return source;
    }

    final Table<T> declaredTarget() {
        return target;
    }

    /**
     * Binds a declared handle to the relation its graph resolved. A handle declared in several graphs keeps the first:
     * reads look relations up by name in their own graph.
     */
    final void bind(Relation resolved) {
        relation.compareAndSet(null, resolved);
    }

    @Override
    public final String toString() {
        Relation bound = relation.get();
        return bound != null ? bound.toString() : source.getName() + "." + name + " (not yet declared)";
    }
}

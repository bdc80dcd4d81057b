package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.RelationHandle;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.TableNames;
import org.jooq.Table;

/** Resolves typed relation handles where a read uses them. */
public final class Handles {

    private Handles() {
    }

    /**
     * The handle's relation in {@code graph}, for a level (or relation filter) reading {@code table}, described in
     * messages as {@code where}; a handle of another table is refused, and a handle of another graph resolves to this
     * graph's relation of that name.
     */
    public static Relation own(RelationHandle<?, ?> handle, Table<?> table, Relations graph, String where) {
        Relation relation = handle.relation();
        if (!TableNames.sameTable(relation.source(), table)) {
            throw new InvalidReadException("Relation " + relation.qualifiedName() + " starts at "
                    + TableNames.displayName(relation.source()) + ", but " + where + " reads " + TableNames.displayName(table)
                    + "; use a relation of " + TableNames.displayName(table) + ": "
                    + String.join(", ", graph.relationsOf(table).keySet()) + ".");
        }
        return graph.relation(table, relation.name());
    }
}

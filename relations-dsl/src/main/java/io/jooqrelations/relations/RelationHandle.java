package io.jooqrelations.relations;

import org.jooq.Record;

/**
 * A typed reference to a relation, checked when it is created: {@link One} or {@link Many}.
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

    private final Relation relation;

    RelationHandle(Relation relation) {
        this.relation = relation;
    }

    /** The relation this handle stands for. */
    public final Relation relation() {
        return relation;
    }

    @Override
    public final String toString() {
        return relation.toString();
    }
}

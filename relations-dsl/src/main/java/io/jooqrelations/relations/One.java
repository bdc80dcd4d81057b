package io.jooqrelations.relations;

import org.jooq.Record;

/**
 * A typed handle on a to-one relation, e.g. {@code invoice.organization}; created and checked by
 * {@link Relations#one(org.jooq.Table, String, org.jooq.Table)}.
 *
 * <pre>{@code
 * public static final One<InvoicesRecord, OrganizationsRecord> ORGANIZATION =
 *     RELATIONS.one(INVOICES, "organization", ORGANIZATIONS);
 * }</pre>
 *
 * @param <S> the source record type
 * @param <T> the target record type
 */
public final class One<S extends Record, T extends Record> extends RelationHandle<S, T> {

    One(Relation relation) {
        super(relation);
    }
}

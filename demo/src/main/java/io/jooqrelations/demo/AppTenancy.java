package io.jooqrelations.demo;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.query.TenantScope;

/**
 * The invoice app's tenancy: every read of a tenant's request kept to that organization.
 *
 * <pre>{@code
 * NestedReads tenantReads = reads.scopedTo(AppTenancy.BY_ORGANIZATION, currentOrganizationId);
 * }</pre>
 */
public final class AppTenancy {

    // tag::tenant-scope-demo[]
    /** Everything hangs off an organization: how each table belongs to one. */
    public static final TenantScope BY_ORGANIZATION = TenantScope.byColumn("organization_id")
            .key(ORGANIZATIONS, ORGANIZATIONS.ID)
            .via(INVOICE_LINE_ITEMS, "invoice")
            .via(COMMENTS, "invoice")
            .via(USERS, "memberships")
            .shared(TAGS);
    // end::tenant-scope-demo[]

    private AppTenancy() {
    }
}

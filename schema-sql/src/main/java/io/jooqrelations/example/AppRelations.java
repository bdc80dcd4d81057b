package io.jooqrelations.example;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.relations.Link.link;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.relations.Many;
import io.jooqrelations.relations.One;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.RelationsBuilder;
import io.jooqrelations.schema.DefaultSchema;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoiceLineItemsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.schema.tables.records.MembershipsRecord;
import io.jooqrelations.schema.tables.records.OrganizationsRecord;
import io.jooqrelations.schema.tables.records.TagsRecord;
import io.jooqrelations.schema.tables.records.UsersRecord;

/**
 * The example domain's relations file (the invoice app's): the read-time map of the schema, declared once, next to
 * the jOOQ classes it names; the demo, the sample service, the benchmarks and the tests all read through it. The Flyway migrations tell
 * PostgreSQL about foreign keys; this file tells nested reads which edges they may walk, by which name.
 *
 * <pre>{@code
 * NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
 * reads.from(INVOICES).with(AppRelations.LINE_ITEMS).findMany();
 * }</pre>
 */
public final class AppRelations {

    // tag::handles[]
    // declared first, then named by the relations file below: each relation's name and tables are written once
    public static final One<InvoicesRecord, OrganizationsRecord> ORGANIZATION = One.of(INVOICES, "organization", ORGANIZATIONS);
    public static final One<InvoicesRecord, UsersRecord> ASSIGNEE = One.of(INVOICES, "assignee", USERS);
    public static final One<InvoicesRecord, UsersRecord> CREATOR = One.of(INVOICES, "creator", USERS);
    public static final Many<InvoicesRecord, InvoiceLineItemsRecord> LINE_ITEMS = Many.of(INVOICES, "lineItems", INVOICE_LINE_ITEMS);
    public static final Many<InvoicesRecord, TagsRecord> TAGS_OF_INVOICE = Many.of(INVOICES, "tags", TAGS);
    public static final Many<OrganizationsRecord, InvoicesRecord> INVOICES_OF_ORG = Many.of(ORGANIZATIONS, "invoices", INVOICES);
    public static final Many<OrganizationsRecord, MembershipsRecord> MEMBERS = Many.of(ORGANIZATIONS, "memberships", MEMBERSHIPS);
    public static final One<MembershipsRecord, UsersRecord> MEMBER_USER = One.of(MEMBERSHIPS, "user", USERS);
    public static final Many<InvoicesRecord, CommentsRecord> COMMENTS_OF_INVOICE = Many.of(INVOICES, "comments", COMMENTS);
    public static final Many<CommentsRecord, CommentsRecord> REPLIES = Many.of(COMMENTS, "replies", COMMENTS);
    public static final One<CommentsRecord, UsersRecord> AUTHOR = One.of(COMMENTS, "author", USERS);
    // end::handles[]

    // tag::relations-file[]
    public static final Relations RELATIONS = Relations.define(DefaultSchema.DEFAULT_SCHEMA, AppRelations::declare);

    /** The declarations of the graph (public so that the benchmarks can time building it). */
    public static void declare(RelationsBuilder r) {
        r.table(ORGANIZATIONS)
                .many(INVOICES_OF_ORG)
                .many("openInvoices", INVOICES, link().where(INVOICES.STATUS.eq(InvoiceStatus.open)))
                .many(MEMBERS);
        r.table(USERS)
                .many("memberships", MEMBERSHIPS)
                .many("assignedInvoices", INVOICES, link().alias("assignee"))
                .many("createdInvoices", INVOICES, link().alias("creator"))
                .many("comments", COMMENTS);
        // a junction that grew data of its own (role, timestamps): an entity we relate to, not go through
        r.table(MEMBERSHIPS)
                .one("organization", ORGANIZATIONS, from(MEMBERSHIPS.ORGANIZATION_ID).to(ORGANIZATIONS.ID).optional(false))
                .one(MEMBER_USER, from(MEMBERSHIPS.USER_ID).to(USERS.ID).optional(false));
        r.table(INVOICES)
                .one(ORGANIZATION, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID).optional(false))
                .one(ASSIGNEE, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"))
                .one(CREATOR, from(INVOICES.CREATED_BY_ID).to(USERS.ID).alias("creator"))
                .many(LINE_ITEMS)
                .many(TAGS_OF_INVOICE, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID))
                .many(COMMENTS_OF_INVOICE);
        r.table(INVOICE_LINE_ITEMS)
                .one("invoice", INVOICES, from(INVOICE_LINE_ITEMS.INVOICE_ID).to(INVOICES.ID).optional(false));
        r.table(TAGS)
                .many("invoices", INVOICES);
        r.table(COMMENTS)
                .one("invoice", INVOICES, from(COMMENTS.INVOICE_ID).to(INVOICES.ID).optional(false))
                .one(AUTHOR, from(COMMENTS.AUTHOR_ID).to(USERS.ID))
                .one("parent", COMMENTS, from(COMMENTS.PARENT_ID).to(COMMENTS.ID))
                .many(REPLIES);
    }
    // end::relations-file[]

    private AppRelations() {
    }
}

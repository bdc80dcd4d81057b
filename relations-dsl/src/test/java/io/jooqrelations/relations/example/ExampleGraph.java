package io.jooqrelations.relations.example;

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
import io.jooqrelations.schema.DefaultSchema;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoiceLineItemsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.schema.tables.records.OrganizationsRecord;
import io.jooqrelations.schema.tables.records.TagsRecord;
import io.jooqrelations.schema.tables.records.UsersRecord;

/** The example domain's whole graph, shared by the tests of this module and of query-runtime (test-jar). */
public final class ExampleGraph {

    public static final Relations RELATIONS = Relations.define(DefaultSchema.DEFAULT_SCHEMA, r -> {
        r.table(ORGANIZATIONS)
                .many("invoices", INVOICES)
                .many("openInvoices", INVOICES, link().where(INVOICES.STATUS.eq(InvoiceStatus.open)))
                .many("memberships", MEMBERSHIPS);
        r.table(USERS)
                .many("memberships", MEMBERSHIPS)
                .many("assignedInvoices", INVOICES, link().alias("assignee"))
                .many("createdInvoices", INVOICES, link().alias("creator"))
                .many("comments", COMMENTS);
        r.table(MEMBERSHIPS)
                .one("organization", ORGANIZATIONS, from(MEMBERSHIPS.ORGANIZATION_ID).to(ORGANIZATIONS.ID).optional(false))
                .one("user", USERS, from(MEMBERSHIPS.USER_ID).to(USERS.ID).optional(false));
        r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID).optional(false))
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"))
                .one("creator", USERS, from(INVOICES.CREATED_BY_ID).to(USERS.ID).alias("creator"))
                .many("lineItems", INVOICE_LINE_ITEMS)
                .many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID))
                .many("comments", COMMENTS);
        r.table(INVOICE_LINE_ITEMS)
                .one("invoice", INVOICES, from(INVOICE_LINE_ITEMS.INVOICE_ID).to(INVOICES.ID).optional(false));
        r.table(TAGS)
                .many("invoices", INVOICES);
        r.table(COMMENTS)
                .one("invoice", INVOICES, from(COMMENTS.INVOICE_ID).to(INVOICES.ID).optional(false))
                .one("author", USERS, from(COMMENTS.AUTHOR_ID).to(USERS.ID))
                .one("parent", COMMENTS, from(COMMENTS.PARENT_ID).to(COMMENTS.ID))
                .many("replies", COMMENTS);
    });

    public static final One<InvoicesRecord, OrganizationsRecord> INVOICE_ORGANIZATION =
            RELATIONS.one(INVOICES, "organization", ORGANIZATIONS);
    public static final One<InvoicesRecord, UsersRecord> INVOICE_ASSIGNEE = RELATIONS.one(INVOICES, "assignee", USERS);
    public static final Many<InvoicesRecord, InvoiceLineItemsRecord> INVOICE_LINE_ITEMS_OF =
            RELATIONS.many(INVOICES, "lineItems", INVOICE_LINE_ITEMS);
    public static final Many<InvoicesRecord, TagsRecord> INVOICE_TAGS_OF = RELATIONS.many(INVOICES, "tags", TAGS);
    public static final Many<CommentsRecord, CommentsRecord> COMMENT_REPLIES = RELATIONS.many(COMMENTS, "replies", COMMENTS);

    private ExampleGraph() {
    }
}

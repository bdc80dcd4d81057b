package io.jooqrelations.demo;

import static io.jooqrelations.example.AppRelations.ASSIGNEE;
import static io.jooqrelations.example.AppRelations.AUTHOR;
import static io.jooqrelations.example.AppRelations.COMMENTS_OF_INVOICE;
import static io.jooqrelations.example.AppRelations.CREATOR;
import static io.jooqrelations.example.AppRelations.INVOICES_OF_ORG;
import static io.jooqrelations.example.AppRelations.LINE_ITEMS;
import static io.jooqrelations.example.AppRelations.MEMBERS;
import static io.jooqrelations.example.AppRelations.MEMBER_USER;
import static io.jooqrelations.example.AppRelations.ORGANIZATION;
import static io.jooqrelations.example.AppRelations.REPLIES;
import static io.jooqrelations.example.AppRelations.TAGS_OF_INVOICE;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Node;
import io.jooqrelations.query.Page;
import io.jooqrelations.query.Read;
import io.jooqrelations.query.Related;
import io.jooqrelations.relations.Link;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.RelationsException;
import io.jooqrelations.schema.DefaultSchema;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * The demo's reads, one method per scenario. The code between the tag comments is what the demo prints as "the read"
 * and what docs/guide.md shows, so both always match the code that ran.
 */
final class Scenarios {

    /** What a scenario reads its id from. */
    enum IdKind { INVOICE, ORGANIZATION, NONE }

    /** A named scenario of the demo. */
    record Scenario(String name, String title, IdKind idKind, long defaultId, String snippetTag, Runner runner,
            int statements) {

        Scenario(String name, String title, IdKind idKind, long defaultId, String snippetTag, Runner runner) {
            this(name, title, idKind, defaultId, snippetTag, runner, 1);
        }
    }

    /** Runs a scenario's read; returns its JSON (or text), empty when the id does not exist. */
    @FunctionalInterface
    interface Runner {
        Optional<String> run(NestedReads reads, long id);
    }

    /** The reads of the demo, over the app's relations file. */
    static NestedReads reads(DSLContext dsl) {
        // tag::entry-point[]
        NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
        // end::entry-point[]
        return reads;
    }

    static final List<Scenario> ALL = List.of(
            new Scenario("invoice", "Invoice detail page: line items, tags, organization, assignee, creator",
                    IdKind.INVOICE, 1, "invoice-detail", Scenarios::invoiceDetail),
            new Scenario("dashboard", "Organization dashboard: latest invoices with line items, members with roles",
                    IdKind.ORGANIZATION, 1, "dashboard", Scenarios::dashboard),
            new Scenario("thread", "Comment thread of an invoice, three levels deep (self-reference)",
                    IdKind.INVOICE, 1, "thread", Scenarios::thread),
            new Scenario("urgent", "Filtered list: invoices tagged \"urgent\" (EXISTS through the junction)",
                    IdKind.NONE, 0, "urgent", (reads, id) -> Optional.of(urgent(reads))),
            new Scenario("stats", "Counts, aggregates and ordering by related rows (beyond Drizzle)",
                    IdKind.ORGANIZATION, 1, "stats", Scenarios::stats),
            new Scenario("page", "Keyset pagination: two pages of an organization's invoices, linked by an opaque cursor",
                    IdKind.ORGANIZATION, 1, "page", Scenarios::page, 2),
            new Scenario("tree", "A whole comment tree with WITH RECURSIVE, to any depth",
                    IdKind.INVOICE, 1, "tree", Scenarios::tree),
            new Scenario("tenant", "A tenant-scoped read: every level sees only one organization's rows",
                    IdKind.ORGANIZATION, 2, "tenant", Scenarios::tenant),
            new Scenario("silent-gap", "The silent gap made loud: reading a relation that was never declared",
                    IdKind.NONE, 0, "silent-gap", (reads, id) -> Optional.of(silentGap()), 0));

    private Scenarios() {
    }

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static Optional<String> invoiceDetail(NestedReads reads, long invoiceId) {
        // tag::invoice-detail[]
        Optional<String> invoice = reads.from(INVOICES)
                .where(INVOICES.ID.eq(invoiceId))
                .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).omit(INVOICE_LINE_ITEMS.INVOICE_ID))
                .with(TAGS_OF_INVOICE, t -> t.columns(TAGS.NAME, TAGS.COLOR).orderBy(TAGS.NAME))
                .with(ORGANIZATION, o -> o.columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME))
                .with(ASSIGNEE, a -> a.columns(USERS.ID, USERS.DISPLAY_NAME))
                .with(CREATOR, c -> c.columns(USERS.ID, USERS.DISPLAY_NAME))
                .findFirstJson();
        // end::invoice-detail[]
        return invoice;
    }

    static Optional<String> dashboard(NestedReads reads, long organizationId) {
        // tag::dashboard[]
        Optional<String> dashboard = reads.from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .with(INVOICES_OF_ORG, i -> i
                        .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                        .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                        .limit(3)
                        .with(LINE_ITEMS, li -> li.columns(INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY,
                                INVOICE_LINE_ITEMS.UNIT_PRICE).orderBy(INVOICE_LINE_ITEMS.POSITION)))
                .with(MEMBERS, m -> m
                        .columns(MEMBERSHIPS.ROLE)
                        .orderBy(MEMBERSHIPS.ROLE, MEMBERSHIPS.USER_ID)
                        .with(MEMBER_USER, u -> u.columns(USERS.DISPLAY_NAME, USERS.EMAIL)))
                .findFirstJson();
        // end::dashboard[]
        return dashboard;
    }

    static Optional<String> thread(NestedReads reads, long invoiceId) {
        // tag::thread[]
        Optional<String> thread = reads.from(INVOICES)
                .where(INVOICES.ID.eq(invoiceId))
                .columns(INVOICES.ID, INVOICES.NUMBER)
                .with(COMMENTS_OF_INVOICE, c -> c
                        .where(COMMENTS.PARENT_ID.isNull())
                        .columns(COMMENTS.ID, COMMENTS.BODY)
                        .orderBy(COMMENTS.ID)
                        .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME))
                        .with(REPLIES, r -> r.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID)
                                .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME))
                                .with(REPLIES, rr -> rr.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID)
                                        .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME)))))
                .findFirstJson();
        // end::thread[]
        return thread;
    }

    static String urgent(NestedReads reads) {
        // tag::urgent[]
        String urgent = reads.from(INVOICES)
                .whereHas(TAGS_OF_INVOICE, t -> t.where(TAGS.NAME.eq("urgent")))
                .where(INVOICES.STATUS.ne(InvoiceStatus.paid))
                .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS)
                .orderBy(INVOICES.ID)
                .limit(5)
                .with(ORGANIZATION, o -> o.columns(ORGANIZATIONS.NAME))
                .findManyJson();
        // end::urgent[]
        return urgent;
    }

    static Optional<String> stats(NestedReads reads, long organizationId) {
        // tag::stats[]
        String stats = reads.from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .columns(INVOICES.NUMBER, INVOICES.STATUS)
                .withCount(LINE_ITEMS)
                .extra("lineItemsTotal", Related.sum("lineItems", INVOICE_LINE_ITEMS.QUANTITY.mul(INVOICE_LINE_ITEMS.UNIT_PRICE)))
                .extra("urgent", Related.exists("tags").where(TAGS.NAME.eq("urgent")))
                .extra("assigneeName", Related.value("assignee", USERS.DISPLAY_NAME))
                .orderBy(Related.count("lineItems"), SortOrder.DESC)
                .orderBy(INVOICES.ID)
                .limit(4)
                .findManyJson();
        // end::stats[]
        return stats.equals("[]") ? Optional.empty() : Optional.of(stats);
    }

    static Optional<String> page(NestedReads reads, long organizationId) {
        // tag::page[]
        Page<InvoicesRecord> first = byIssueDate(reads, organizationId).findPage(3);
        String cursor = first.nextCursor().orElse(null);               // handed to the client, sent back later
        Page<InvoicesRecord> second = byIssueDate(reads, organizationId).after(cursor).findPage(3);
        // end::page[]
        if (first.rows().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        appendPage(out, "page 1", first);
        appendPage(out, "page 2 (after " + cursor + ")", second);
        return Optional.of(out.toString().stripTrailing());
    }

    // tag::page-read[]
    static Read<InvoicesRecord> byIssueDate(NestedReads reads, long organizationId) {
        return reads.from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .with(TAGS_OF_INVOICE, t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME));
    }
    // end::page-read[]

    private static void appendPage(StringBuilder out, String title, Page<InvoicesRecord> page) {
        out.append(title).append(":\n");
        page.rows().forEach(n -> out.append("  ").append(n.record().getNumber()).append("  issued ")
                .append(n.record().getIssuedOn()).append("  tags ").append(n.get(TAGS_OF_INVOICE).stream()
                        .map(t -> t.record().getName()).toList()).append('\n'));
        out.append("  next cursor: ").append(page.nextCursor().orElse("(last page)")).append('\n');
    }

    static Optional<String> tree(NestedReads reads, long invoiceId) {
        // tag::tree[]
        List<Node<CommentsRecord>> roots = reads.from(COMMENTS)
                .where(COMMENTS.INVOICE_ID.eq(invoiceId), COMMENTS.PARENT_ID.isNull())
                .orderBy(COMMENTS.ID)
                .withTree("replies", 20)
                .findMany();
        // end::tree[]
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        roots.forEach(root -> printTree(root, 0, out));
        return Optional.of(out.toString().stripTrailing());
    }

    private static void printTree(Node<CommentsRecord> node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append("- #").append(node.record().getId()).append(' ')
                .append(node.record().getBody()).append('\n');
        node.get(REPLIES).forEach(reply -> printTree(reply, depth + 1, out));
    }

    static Optional<String> tenant(NestedReads reads, long organizationId) {
        // tag::tenant[]
        NestedReads tenantReads = reads.scopedTo(AppTenancy.BY_ORGANIZATION, organizationId);
        String members = tenantReads.from(USERS)
                .columns(USERS.DISPLAY_NAME)
                .orderBy(USERS.ID)
                .withCount("assignedInvoices")                     // counts only this tenant's invoices
                .with("memberships", m -> m.columns(MEMBERSHIPS.ROLE).with("organization", o -> o.columns(ORGANIZATIONS.NAME)))
                .findManyJson();
        // end::tenant[]
        return members.equals("[]") ? Optional.empty() : Optional.of(members);
    }

    static String silentGap() {
        // tag::silent-gap[]
        // A relations file that forgot the tags many-to-many: Drizzle would return `tags` missing or empty.
        Relations forgetful = Relations.define(DefaultSchema.DEFAULT_SCHEMA, r -> r.table(INVOICES)
                .many("lineItems", INVOICE_LINE_ITEMS, Link.from(INVOICES.ID).to(INVOICE_LINE_ITEMS.INVOICE_ID)));
        try {
            NestedReads.using(DSL.using(SQLDialect.POSTGRES), forgetful)
                    .from(INVOICES).with("lineItems").with("tags");   // fails here: nothing is sent to the database
            return "unreachable";
        } catch (RelationsException e) {
            // the coverage check names the gap before any read is written
            List<String> gaps = forgetful.coverage().uncoveredForeignKeys().stream()
                    .filter(gap -> gap.contains("invoice_tags")).toList();
            return e.getClass().getSimpleName() + ": " + e.getMessage() + "\n\nFK coverage of that file:\n  - "
                    + String.join("\n  - ", gaps);
        }
        // end::silent-gap[]
    }
}

package io.jooqrelations.benchmarks;

import static io.jooqrelations.example.AppRelations.ASSIGNEE;
import static io.jooqrelations.example.AppRelations.AUTHOR;
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

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.Level;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Read;
import io.jooqrelations.query.ReadStrategy;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoiceLineItemsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.schema.tables.records.TagsRecord;
import io.jooqrelations.schema.tables.records.UsersRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * Way (a): this library. Each read is declared against {@link AppRelations#RELATIONS} and, with the default
 * {@link ReadStrategy#SINGLE_STATEMENT}, runs as ONE statement; {@code columns(...)} at every level selects exactly what
 * the view records hold, like the hand-written ways. With {@link ReadStrategy#QUERY_PER_LEVEL} the same reads run as
 * the library's own query-per-level strategy (way (f)).
 */
public final class LibraryWay implements Way {

    private final NestedReads reads;
    private final ReadStrategy strategy;

    /** The library with its default strategy: one statement per read. */
    public LibraryWay(DSLContext dsl) {
        this(dsl, ReadStrategy.SINGLE_STATEMENT);
    }

    public LibraryWay(DSLContext dsl, ReadStrategy strategy) {
        this.reads = NestedReads.using(dsl, AppRelations.RELATIONS);
        this.strategy = strategy;
    }

    /** The S1 read with a named parameter {@code id}, for {@link Read#prepare()}. */
    public Read<InvoicesRecord> invoiceDetailRead(Param<Long> invoiceId) {
        return reads.from(INVOICES)
                .strategy(strategy)
                .where(INVOICES.ID.eq(invoiceId))
                .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                .with(LINE_ITEMS, LibraryWay::lineItems)
                .with(TAGS_OF_INVOICE, LibraryWay::tags)
                .with(ORGANIZATION, o -> o.columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG))
                .with(ASSIGNEE, LibraryWay::user);
    }

    /** The S1 read, built but not run (the client-side overhead benchmark renders it). */
    public Read<InvoicesRecord> invoiceDetailRead(long invoiceId) {
        return invoiceDetailRead(DSL.val(invoiceId, INVOICES.ID));
    }

    @Override
    public String json(String scenario, long target) {
        return switch (scenario) {
            case "S1" -> invoiceDetailRead(target).findFirstJson().orElse(null);
            case "S2" -> listPageRead(target, Targets.PAGE_SIZE).findManyJson();
            case "S3" -> dashboardRead(target, Targets.DASHBOARD_INVOICES).findFirstJson().orElse(null);
            case "S5" -> commentThreadsRead(target).findManyJson();
            default -> throw new IllegalArgumentException("no JSON read for " + scenario);
        };
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        return invoiceDetailRead(invoiceId).findFirst(InvoiceDetail.class).orElse(null);
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        return listPageRead(organizationId, size).findMany(InvoiceListItem.class);
    }

    private Read<InvoicesRecord> listPageRead(long organizationId, int size) {
        return reads.from(INVOICES)
                .strategy(strategy)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(size)
                .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                .with(LINE_ITEMS, LibraryWay::lineItems)
                .with(TAGS_OF_INVOICE, LibraryWay::tags);
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        return dashboardRead(organizationId, latest).findFirst(Dashboard.class).orElse(null);
    }

    /** S3's read, for {@link ExplainPlans}. */
    public Read<io.jooqrelations.schema.tables.records.OrganizationsRecord> dashboardRead(long organizationId,
            int latest) {
        return reads.from(ORGANIZATIONS)
                .strategy(strategy)
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .with(INVOICES_OF_ORG, i -> i
                        .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                        .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                        .limit(latest)
                        .with(LINE_ITEMS, LibraryWay::lineItems)
                        .with(TAGS_OF_INVOICE, LibraryWay::tags))
                .with(MEMBERS, m -> m
                        .columns(MEMBERSHIPS.ID, MEMBERSHIPS.ROLE)
                        .orderBy(MEMBERSHIPS.ID)
                        .with(MEMBER_USER, LibraryWay::user));
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        return bulkRead(firstId, lastId).findMany(BulkInvoice.class);
    }

    /** S4's read, for {@link ExplainPlans}. */
    public Read<InvoicesRecord> bulkRead(long firstId, long lastId) {
        return reads.from(INVOICES)
                .strategy(strategy)
                .where(INVOICES.ID.between(firstId, lastId))
                .orderBy(INVOICES.ID)
                .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.TOTAL)
                .with(LINE_ITEMS, LibraryWay::lineItems);
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        return commentThreadsRead(invoiceId).findMany(CommentThread.class);
    }

    private Read<CommentsRecord> commentThreadsRead(long invoiceId) {
        return reads.from(COMMENTS)
                .strategy(strategy)
                .where(COMMENTS.INVOICE_ID.eq(invoiceId), COMMENTS.PARENT_ID.isNull())
                .orderBy(COMMENTS.ID)
                .columns(COMMENTS.ID, COMMENTS.BODY)
                .with(AUTHOR, LibraryWay::user)
                .with(REPLIES, reply -> comment(reply)
                        .with(REPLIES, LibraryWay::comment));
    }

    private static Level<CommentsRecord> comment(Level<CommentsRecord> level) {
        return level.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID).with(AUTHOR, LibraryWay::user);
    }

    private static void lineItems(Level<InvoiceLineItemsRecord> level) {
        level.columns(INVOICE_LINE_ITEMS.ID, INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.DESCRIPTION,
                INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE).orderBy(INVOICE_LINE_ITEMS.POSITION);
    }

    private static void tags(Level<TagsRecord> level) {
        level.columns(TAGS.ID, TAGS.NAME, TAGS.COLOR).orderBy(TAGS.NAME);
    }

    private static void user(Level<UsersRecord> level) {
        level.columns(USERS.ID, USERS.EMAIL, USERS.DISPLAY_NAME);
    }
}

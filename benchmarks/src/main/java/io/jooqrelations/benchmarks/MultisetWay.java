package io.jooqrelations.benchmarks;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentLeaf;
import io.jooqrelations.benchmarks.Views.CommentReply;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import io.jooqrelations.benchmarks.Views.LineItemView;
import io.jooqrelations.benchmarks.Views.MembershipView;
import io.jooqrelations.benchmarks.Views.OrgView;
import io.jooqrelations.benchmarks.Views.TagView;
import io.jooqrelations.benchmarks.Views.UserView;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.enums.MembershipRole;
import io.jooqrelations.schema.tables.Comments;
import io.jooqrelations.schema.tables.Invoices;
import io.jooqrelations.schema.tables.Users;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record9;
import org.jooq.ResultQuery;
import org.jooq.SelectField;

/**
 * Way (b): hand-written jOOQ, the way an experienced jOOQ user writes nested reads — {@code multiset(...)} for every
 * to-many, a join plus a nested {@code row(...)} for every to-one, and {@code Records.mapping(View::new)} into the same
 * view records. One statement per read.
 */
public final class MultisetWay implements Way {

    private static final Comments C1 = COMMENTS.as("c1");
    private static final Comments C2 = COMMENTS.as("c2");
    private static final Comments C3 = COMMENTS.as("c3");
    private static final Users U1 = USERS.as("u1");
    private static final Users U2 = USERS.as("u2");
    private static final Users U3 = USERS.as("u3");

    private final DSLContext dsl;

    public MultisetWay(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The S1 query, built but not run (the client-side overhead benchmark renders it). */
    public ResultQuery<Record9<Long, String, String, BigDecimal, LocalDate, List<LineItemView>, List<TagView>, OrgView,
            UserView>> invoiceDetailQuery(long invoiceId) {
        return dsl.select(INVOICES.ID, INVOICES.NUMBER, status(INVOICES), INVOICES.TOTAL, INVOICES.ISSUED_ON,
                        lineItems(INVOICES.ID), tags(INVOICES.ID),
                        row(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).mapping(OrgView::new),
                        user(USERS))
                .from(INVOICES)
                .join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(INVOICES.ORGANIZATION_ID))
                .leftJoin(USERS).on(USERS.ID.eq(INVOICES.ASSIGNED_TO_ID))
                .where(INVOICES.ID.eq(invoiceId));
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        return invoiceDetailQuery(invoiceId).fetchOne(mapping(InvoiceDetail::new));
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        return dsl.select(INVOICES.ID, INVOICES.NUMBER, status(INVOICES), INVOICES.TOTAL, INVOICES.ISSUED_ON,
                        lineItems(INVOICES.ID), tags(INVOICES.ID))
                .from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(size)
                .fetch(mapping(InvoiceListItem::new));
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        return dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG,
                        multiset(select(INVOICES.ID, INVOICES.NUMBER, status(INVOICES), INVOICES.TOTAL, INVOICES.ISSUED_ON,
                                        lineItems(INVOICES.ID), tags(INVOICES.ID))
                                .from(INVOICES)
                                .where(INVOICES.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                                .limit(latest))
                                .convertFrom(r -> r.map(mapping(InvoiceListItem::new))),
                        multiset(select(MEMBERSHIPS.ID, MEMBERSHIPS.ROLE.convertFrom(MembershipRole::getLiteral), user(USERS))
                                .from(MEMBERSHIPS)
                                .join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                                .orderBy(MEMBERSHIPS.ID))
                                .convertFrom(r -> r.map(mapping(MembershipView::new))))
                .from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOne(mapping(Dashboard::new));
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        return dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.TOTAL, lineItems(INVOICES.ID))
                .from(INVOICES)
                .where(INVOICES.ID.between(firstId, lastId))
                .orderBy(INVOICES.ID)
                .fetch(mapping(BulkInvoice::new));
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        return dsl.select(C1.ID, C1.BODY, user(U1),
                        multiset(select(C2.ID, C2.BODY, user(U2),
                                        multiset(select(C3.ID, C3.BODY, user(U3))
                                                .from(C3)
                                                .leftJoin(U3).on(U3.ID.eq(C3.AUTHOR_ID))
                                                .where(C3.PARENT_ID.eq(C2.ID))
                                                .orderBy(C3.ID))
                                                .convertFrom(r -> r.map(mapping(CommentLeaf::new))))
                                .from(C2)
                                .leftJoin(U2).on(U2.ID.eq(C2.AUTHOR_ID))
                                .where(C2.PARENT_ID.eq(C1.ID))
                                .orderBy(C2.ID))
                                .convertFrom(r -> r.map(mapping(CommentReply::new))))
                .from(C1)
                .leftJoin(U1).on(U1.ID.eq(C1.AUTHOR_ID))
                .where(C1.INVOICE_ID.eq(invoiceId), C1.PARENT_ID.isNull())
                .orderBy(C1.ID)
                .fetch(mapping(CommentThread::new));
    }

    private static Field<String> status(Invoices invoices) {
        return invoices.STATUS.convertFrom(InvoiceStatus::getLiteral);
    }

    /** A user reached by a (left) join; a missing user is a row of nulls, mapped to null. */
    private static SelectField<UserView> user(Users users) {
        return row(users.ID, users.EMAIL, users.DISPLAY_NAME)
                .mapping((id, email, name) -> id == null ? null : new UserView(id, email, name));
    }

    private static Field<List<LineItemView>> lineItems(Field<Long> invoiceId) {
        return multiset(select(INVOICE_LINE_ITEMS.ID, INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.DESCRIPTION,
                        INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                .from(INVOICE_LINE_ITEMS)
                .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LINE_ITEMS.POSITION))
                .convertFrom(r -> r.map(mapping(LineItemView::new)));
    }

    private static Field<List<TagView>> tags(Field<Long> invoiceId) {
        return multiset(select(TAGS.ID, TAGS.NAME, TAGS.COLOR)
                .from(TAGS)
                .join(INVOICE_TAGS).on(INVOICE_TAGS.TAG_ID.eq(TAGS.ID))
                .where(INVOICE_TAGS.INVOICE_ID.eq(invoiceId))
                .orderBy(TAGS.NAME))
                .convertFrom(r -> r.map(mapping(TagView::new)));
    }
}

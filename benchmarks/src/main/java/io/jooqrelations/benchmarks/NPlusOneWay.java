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
import io.jooqrelations.schema.tables.records.CommentsRecord;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import io.jooqrelations.schema.tables.records.MembershipsRecord;
import io.jooqrelations.schema.tables.records.OrganizationsRecord;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Way (d): naive N+1 with jOOQ — one query for the parents, then one query per parent per relation, as code that
 * walks an object graph lazily ends up doing. Same columns and orderings as the other ways.
 */
public final class NPlusOneWay implements Way {

    private final DSLContext dsl;

    public NPlusOneWay(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        InvoicesRecord i = dsl.selectFrom(INVOICES).where(INVOICES.ID.eq(invoiceId)).fetchOne();
        if (i == null) {
            return null;
        }
        return new InvoiceDetail(i.getId(), i.getNumber(), i.getStatus().getLiteral(), i.getTotal(), i.getIssuedOn(),
                lineItems(i.getId()), tags(i.getId()), organization(i.getOrganizationId()), user(i.getAssignedToId()));
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        Result<InvoicesRecord> invoices = dsl.selectFrom(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(size)
                .fetch();
        List<InvoiceListItem> result = new ArrayList<>(invoices.size());
        for (InvoicesRecord i : invoices) {
            result.add(listItem(i));
        }
        return result;
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        OrganizationsRecord o = dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId)).fetchOne();
        if (o == null) {
            return null;
        }
        List<InvoiceListItem> invoices = new ArrayList<>();
        for (InvoicesRecord i : dsl.selectFrom(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(o.getId()))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(latest)
                .fetch()) {
            invoices.add(listItem(i));
        }
        List<MembershipView> memberships = new ArrayList<>();
        for (MembershipsRecord m : dsl.selectFrom(MEMBERSHIPS)
                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(o.getId()))
                .orderBy(MEMBERSHIPS.ID)
                .fetch()) {
            memberships.add(new MembershipView(m.getId(), m.getRole().getLiteral(), user(m.getUserId())));
        }
        return new Dashboard(o.getId(), o.getName(), o.getSlug(), invoices, memberships);
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        List<BulkInvoice> result = new ArrayList<>();
        for (Record i : dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.TOTAL)
                .from(INVOICES)
                .where(INVOICES.ID.between(firstId, lastId))
                .orderBy(INVOICES.ID)
                .fetch()) {
            long id = i.get(INVOICES.ID);
            result.add(new BulkInvoice(id, i.get(INVOICES.NUMBER), i.get(INVOICES.TOTAL), lineItems(id)));
        }
        return result;
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        List<CommentThread> threads = new ArrayList<>();
        for (CommentsRecord c : dsl.selectFrom(COMMENTS)
                .where(COMMENTS.INVOICE_ID.eq(invoiceId), COMMENTS.PARENT_ID.isNull())
                .orderBy(COMMENTS.ID)
                .fetch()) {
            List<CommentReply> replies = new ArrayList<>();
            for (CommentsRecord r : replies(c.getId())) {
                List<CommentLeaf> leaves = new ArrayList<>();
                for (CommentsRecord l : replies(r.getId())) {
                    leaves.add(new CommentLeaf(l.getId(), l.getBody(), user(l.getAuthorId())));
                }
                replies.add(new CommentReply(r.getId(), r.getBody(), user(r.getAuthorId()), leaves));
            }
            threads.add(new CommentThread(c.getId(), c.getBody(), user(c.getAuthorId()), replies));
        }
        return threads;
    }

    private InvoiceListItem listItem(InvoicesRecord i) {
        return new InvoiceListItem(i.getId(), i.getNumber(), i.getStatus().getLiteral(), i.getTotal(), i.getIssuedOn(),
                lineItems(i.getId()), tags(i.getId()));
    }

    private Result<CommentsRecord> replies(long commentId) {
        return dsl.selectFrom(COMMENTS).where(COMMENTS.PARENT_ID.eq(commentId)).orderBy(COMMENTS.ID).fetch();
    }

    private List<LineItemView> lineItems(long invoiceId) {
        return dsl.select(INVOICE_LINE_ITEMS.ID, INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.DESCRIPTION,
                        INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                .from(INVOICE_LINE_ITEMS)
                .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LINE_ITEMS.POSITION)
                .fetch(mapping(LineItemView::new));
    }

    private List<TagView> tags(long invoiceId) {
        return dsl.select(TAGS.ID, TAGS.NAME, TAGS.COLOR)
                .from(TAGS)
                .join(INVOICE_TAGS).on(INVOICE_TAGS.TAG_ID.eq(TAGS.ID))
                .where(INVOICE_TAGS.INVOICE_ID.eq(invoiceId))
                .orderBy(TAGS.NAME)
                .fetch(mapping(TagView::new));
    }

    private OrgView organization(long organizationId) {
        return dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOne(mapping(OrgView::new));
    }

    private UserView user(Long userId) {
        if (userId == null) {
            return null;
        }
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.DISPLAY_NAME)
                .from(USERS)
                .where(USERS.ID.eq(userId))
                .fetchOne(mapping(UserView::new));
    }
}

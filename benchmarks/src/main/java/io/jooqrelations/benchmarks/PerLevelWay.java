package io.jooqrelations.benchmarks;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.jooq.impl.DSL.any;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record7;
import org.jooq.Result;

/**
 * Way (e): query-per-level with jOOQ — one query for the parents, then ONE batched {@code where fk = any(?)} query per
 * relation level (not per parent), stitched together in memory by key, DataLoader-style. A level whose key set is empty
 * sends no query. This is the "second strategy" of the design (§4) that can beat correlated subqueries on big fan-outs.
 */
public final class PerLevelWay implements Way {

    private final DSLContext dsl;

    public PerLevelWay(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** An invoice row before its children are attached. */
    private record InvoiceRow(long id, String number, String status, BigDecimal total, LocalDate issuedOn,
            long organizationId, Long assignedToId) {
    }

    /** A comment row before its children are attached. */
    private record CommentRow(long id, String body, Long authorId) {
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        List<InvoiceRow> invoices = invoices(dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL,
                        INVOICES.ISSUED_ON, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID)
                .from(INVOICES).where(INVOICES.ID.eq(invoiceId)).fetch());
        if (invoices.isEmpty()) {
            return null;
        }
        List<Long> ids = invoices.stream().map(InvoiceRow::id).toList();
        Map<Long, List<LineItemView>> lineItems = lineItemsOf(ids);
        Map<Long, List<TagView>> tags = tagsOf(ids);
        Map<Long, OrgView> orgs = organizations(invoices.stream().map(InvoiceRow::organizationId).toList());
        Map<Long, UserView> users = users(invoices.stream().map(InvoiceRow::assignedToId).toList());
        InvoiceRow i = invoices.get(0);
        return new InvoiceDetail(i.id(), i.number(), i.status(), i.total(), i.issuedOn(),
                lineItems.getOrDefault(i.id(), List.of()), tags.getOrDefault(i.id(), List.of()),
                orgs.get(i.organizationId()), i.assignedToId() == null ? null : users.get(i.assignedToId()));
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        return listItems(invoices(dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL,
                        INVOICES.ISSUED_ON, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID)
                .from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(size)
                .fetch()));
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        Record org = dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId)).fetchOne();
        if (org == null) {
            return null;
        }
        List<InvoiceListItem> invoices = listItems(invoices(dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS,
                        INVOICES.TOTAL, INVOICES.ISSUED_ON, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID)
                .from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .limit(latest)
                .fetch()));
        var members = dsl.select(MEMBERSHIPS.ID, MEMBERSHIPS.ROLE, MEMBERSHIPS.USER_ID)
                .from(MEMBERSHIPS)
                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(MEMBERSHIPS.ID)
                .fetch();
        Map<Long, UserView> users = users(members.getValues(MEMBERSHIPS.USER_ID));
        List<MembershipView> memberships = new ArrayList<>(members.size());
        for (var m : members) {
            memberships.add(new MembershipView(m.value1(), m.value2().getLiteral(), users.get(m.value3())));
        }
        return new Dashboard(org.get(ORGANIZATIONS.ID), org.get(ORGANIZATIONS.NAME), org.get(ORGANIZATIONS.SLUG),
                invoices, memberships);
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        var invoices = dsl.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.TOTAL)
                .from(INVOICES)
                .where(INVOICES.ID.between(firstId, lastId))
                .orderBy(INVOICES.ID)
                .fetch();
        Map<Long, List<LineItemView>> lineItems = lineItemsOf(invoices.getValues(INVOICES.ID));
        List<BulkInvoice> result = new ArrayList<>(invoices.size());
        for (var i : invoices) {
            result.add(new BulkInvoice(i.value1(), i.value2(), i.value3(), lineItems.getOrDefault(i.value1(), List.of())));
        }
        return result;
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        List<CommentRow> roots = new ArrayList<>();
        for (var c : dsl.select(COMMENTS.ID, COMMENTS.BODY, COMMENTS.AUTHOR_ID)
                .from(COMMENTS)
                .where(COMMENTS.INVOICE_ID.eq(invoiceId), COMMENTS.PARENT_ID.isNull())
                .orderBy(COMMENTS.ID)
                .fetch()) {
            roots.add(new CommentRow(c.value1(), c.value2(), c.value3()));
        }
        Map<Long, List<CommentRow>> replies = repliesOf(roots);
        List<CommentRow> second = replies.values().stream().flatMap(List::stream).toList();
        Map<Long, List<CommentRow>> leaves = repliesOf(second);
        Set<Long> authors = new LinkedHashSet<>();
        roots.forEach(c -> authors.add(c.authorId()));
        second.forEach(c -> authors.add(c.authorId()));
        leaves.values().forEach(l -> l.forEach(c -> authors.add(c.authorId())));
        Map<Long, UserView> users = users(authors);

        List<CommentThread> threads = new ArrayList<>(roots.size());
        for (CommentRow c : roots) {
            List<CommentReply> replyViews = new ArrayList<>();
            for (CommentRow r : replies.getOrDefault(c.id(), List.of())) {
                List<CommentLeaf> leafViews = new ArrayList<>();
                for (CommentRow l : leaves.getOrDefault(r.id(), List.of())) {
                    leafViews.add(new CommentLeaf(l.id(), l.body(), author(users, l)));
                }
                replyViews.add(new CommentReply(r.id(), r.body(), author(users, r), leafViews));
            }
            threads.add(new CommentThread(c.id(), c.body(), author(users, c), replyViews));
        }
        return threads;
    }

    private static UserView author(Map<Long, UserView> users, CommentRow c) {
        return c.authorId() == null ? null : users.get(c.authorId());
    }

    private Map<Long, List<CommentRow>> repliesOf(List<CommentRow> parents) {
        Map<Long, List<CommentRow>> byParent = new HashMap<>();
        if (parents.isEmpty()) {
            return byParent;
        }
        for (var c : dsl.select(COMMENTS.PARENT_ID, COMMENTS.ID, COMMENTS.BODY, COMMENTS.AUTHOR_ID)
                .from(COMMENTS)
                .where(COMMENTS.PARENT_ID.eq(any(parents.stream().map(CommentRow::id).toArray(Long[]::new))))
                .orderBy(COMMENTS.ID)
                .fetch()) {
            byParent.computeIfAbsent(c.value1(), k -> new ArrayList<>()).add(new CommentRow(c.value2(), c.value3(), c.value4()));
        }
        return byParent;
    }

    private List<InvoiceListItem> listItems(List<InvoiceRow> invoices) {
        List<Long> ids = invoices.stream().map(InvoiceRow::id).toList();
        Map<Long, List<LineItemView>> lineItems = lineItemsOf(ids);
        Map<Long, List<TagView>> tags = tagsOf(ids);
        List<InvoiceListItem> result = new ArrayList<>(invoices.size());
        for (InvoiceRow i : invoices) {
            result.add(new InvoiceListItem(i.id(), i.number(), i.status(), i.total(), i.issuedOn(),
                    lineItems.getOrDefault(i.id(), List.of()), tags.getOrDefault(i.id(), List.of())));
        }
        return result;
    }

    private static List<InvoiceRow> invoices(Result<Record7<Long, String, InvoiceStatus, BigDecimal, LocalDate, Long, Long>> rows) {
        List<InvoiceRow> result = new ArrayList<>(rows.size());
        for (var r : rows) {
            result.add(new InvoiceRow(r.value1(), r.value2(), r.value3().getLiteral(), r.value4(), r.value5(), r.value6(),
                    r.value7()));
        }
        return result;
    }

    private Map<Long, List<LineItemView>> lineItemsOf(Collection<Long> invoiceIds) {
        Map<Long, List<LineItemView>> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        for (var r : dsl.select(INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.ID, INVOICE_LINE_ITEMS.POSITION,
                        INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                .from(INVOICE_LINE_ITEMS)
                .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(any(invoiceIds.toArray(Long[]::new))))
                .orderBy(INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION)
                .fetch()) {
            byInvoice.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                    .add(new LineItemView(r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        }
        return byInvoice;
    }

    private Map<Long, List<TagView>> tagsOf(Collection<Long> invoiceIds) {
        Map<Long, List<TagView>> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        for (var r : dsl.select(INVOICE_TAGS.INVOICE_ID, TAGS.ID, TAGS.NAME, TAGS.COLOR)
                .from(TAGS)
                .join(INVOICE_TAGS).on(INVOICE_TAGS.TAG_ID.eq(TAGS.ID))
                .where(INVOICE_TAGS.INVOICE_ID.eq(any(invoiceIds.toArray(Long[]::new))))
                .orderBy(TAGS.NAME)
                .fetch()) {
            byInvoice.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new TagView(r.value2(), r.value3(), r.value4()));
        }
        return byInvoice;
    }

    private Map<Long, OrgView> organizations(Collection<Long> ids) {
        Map<Long, OrgView> byId = new HashMap<>();
        for (var r : dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(any(ids.toArray(Long[]::new))))
                .fetch()) {
            byId.put(r.value1(), new OrgView(r.value1(), r.value2(), r.value3()));
        }
        return byId;
    }

    private Map<Long, UserView> users(Collection<Long> ids) {
        Map<Long, UserView> byId = new HashMap<>();
        Long[] keys = ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
        if (keys.length == 0) {
            return byId;
        }
        for (var r : dsl.select(USERS.ID, USERS.EMAIL, USERS.DISPLAY_NAME)
                .from(USERS)
                .where(USERS.ID.eq(any(keys)))
                .fetch()) {
            byId.put(r.value1(), new UserView(r.value1(), r.value2(), r.value3()));
        }
        return byId;
    }
}

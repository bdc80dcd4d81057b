package io.jooqrelations.benchmarks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The compact view records every way of reading maps into, so that the five ways can be compared with
 * {@code equals}. Component names follow the library's rule (camelCase of the column, or the relation's name).
 *
 * <p>Orderings are part of the contract: line items by position, tags by name, memberships by id, comments by id,
 * invoices by {@code issued_on desc, id desc} (S2, S3) or by id (S4).
 */
public final class Views {

    private Views() {
    }

    /** An organization (to-one of an invoice, root of the dashboard). */
    public record OrgView(long id, String name, String slug) {
    }

    /** A user (assignee of an invoice, user of a membership, author of a comment). */
    public record UserView(long id, String email, String displayName) {
    }

    /** A line item of an invoice. */
    public record LineItemView(long id, int position, String description, int quantity, BigDecimal unitPrice) {
    }

    /** A tag, reached through the invoice_tags junction; {@code color} may be null. */
    public record TagView(long id, String name, String color) {
    }

    /** S1: the invoice detail page; {@code assignee} may be null. */
    public record InvoiceDetail(long id, String number, String status, BigDecimal total, LocalDate issuedOn,
            List<LineItemView> lineItems, List<TagView> tags, OrgView organization, UserView assignee) {
    }

    /** S2 and S3: an invoice on a list page. */
    public record InvoiceListItem(long id, String number, String status, BigDecimal total, LocalDate issuedOn,
            List<LineItemView> lineItems, List<TagView> tags) {
    }

    /** S3: a membership with its user. */
    public record MembershipView(long id, String role, UserView user) {
    }

    /** S3: an organization's dashboard: its latest invoices and its members. */
    public record Dashboard(long id, String name, String slug, List<InvoiceListItem> invoices,
            List<MembershipView> memberships) {
    }

    /** S4: an invoice of a bulk export with its line items. */
    public record BulkInvoice(long id, String number, BigDecimal total, List<LineItemView> lineItems) {
    }

    /** S5: a top-level comment of a thread. */
    public record CommentThread(long id, String body, UserView author, List<CommentReply> replies) {
    }

    /** S5: a reply to a top-level comment. */
    public record CommentReply(long id, String body, UserView author, List<CommentLeaf> replies) {
    }

    /** S5: a reply to a reply (the third level). */
    public record CommentLeaf(long id, String body, UserView author) {
    }
}

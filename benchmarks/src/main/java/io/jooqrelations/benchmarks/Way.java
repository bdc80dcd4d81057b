package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import java.util.List;

/**
 * One way of writing the five benchmark reads. Every implementation returns equal values for equal arguments
 * ({@code FiveWaysAgreeTest} checks it); they differ only in how many statements they send and what SQL.
 */
public interface Way {

    /** S1: one invoice by id with line items, tags, organization and assignee; null when there is no such invoice. */
    InvoiceDetail invoiceDetail(long invoiceId);

    /** S2: the {@code size} latest invoices of one organization, each with line items and tags. */
    List<InvoiceListItem> listPage(long organizationId, int size);

    /** S3: one organization with its {@code latest} latest invoices (line items, tags) and its memberships with users. */
    Dashboard dashboard(long organizationId, int latest);

    /** S4: the invoices with {@code firstId <= id <= lastId}, by id, each with its line items. */
    List<BulkInvoice> bulk(long firstId, long lastId);

    /** S5: the comment threads of one invoice, three levels deep, each comment with its author. */
    List<CommentThread> commentThreads(long invoiceId);

    /**
     * A scenario's tree as the JSON text the database builds, for the ways that can return one (the library's
     * {@code find...Json} and (c)); {@code null} when there is no such row.
     */
    default String json(String scenario, long target) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " returns no JSON");
    }
}

package io.jooqrelations.query;

import java.util.List;
import java.util.Optional;
import org.jooq.Record;

/**
 * One page of a keyset-paginated read: its rows and, when more rows follow, the opaque cursor of the next page.
 *
 * <pre>{@code
 * Page<InvoicesRecord> page = reads.from(INVOICES)
 *     .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
 *     .after(cursorFromTheRequest)          // null or absent for the first page
 *     .findPage(20);
 * page.nextCursor().ifPresent(next -> response.header("Next-Cursor", next));
 * }</pre>
 *
 * @param <R> the record type of the top-level table
 */
public final class Page<R extends Record> {

    private final List<Node<R>> rows;
    private final String nextCursor;

    Page(List<Node<R>> rows, String nextCursor) {
        this.rows = rows;
        this.nextCursor = nextCursor;
    }

    /** The rows of this page, at most the requested size. */
    public List<Node<R>> rows() {
        return rows;
    }

    /** The cursor to pass to {@code after(...)} for the next page; empty on the last page. */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }
}

package io.jooqrelations.query;

/**
 * A Java record type that does not fit the read it is mapped from: a component that matches no column, relation or
 * extra, or a type that cannot hold the value — a caller's mistake, so an {@link InvalidReadException}. Thrown at the
 * first call, before the query runs; the one exception is a record whose own constructor rejects a row, found when
 * that row is mapped (its message names the row).
 *
 * <pre>{@code
 * record InvoiceRow(long id, int total) {}
 * reads.from(INVOICES).findMany(InvoiceRow.class);
 * // ResultMappingException: InvoiceRow.total is int but invoices.total holds java.math.BigDecimal ...
 * }</pre>
 */
public final class ResultMappingException extends InvalidReadException {

    private static final long serialVersionUID = 1L;

    public ResultMappingException(String message) {
        super(message);
    }
}

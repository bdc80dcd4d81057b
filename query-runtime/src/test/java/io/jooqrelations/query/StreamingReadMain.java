package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;

import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Run by {@link ResourceSafetyTest} in a JVM with a small heap: reads every invoice with its line items either as a
 * stream or all at once, and prints the counts.
 */
public final class StreamingReadMain {

    /** The heap of the child JVM: enough to stream, far too little to hold 100 000 invoice trees. */
    static final String HEAP = "40m";

    private StreamingReadMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[1], args[2], args[3])) {
            connection.setAutoCommit(false);
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            Read<InvoicesRecord> read = NestedReads.using(dsl, RELATIONS).from(INVOICES).orderBy(INVOICES.ID)
                    .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION));
            LongSummaryStatistics lineItems = new LongSummaryStatistics();
            if (args[0].equals("stream")) {
                // tag::streaming-read[]
                try (Stream<Node<InvoicesRecord>> rows = read.stream(500)) {
                    rows.forEach(invoice -> lineItems.accept(invoice.many("lineItems").size()));
                }
                // end::streaming-read[]
            } else {
                List<Node<InvoicesRecord>> all = read.findMany();
                all.forEach(invoice -> lineItems.accept(invoice.many("lineItems").size()));
            }
            long invoices = lineItems.getCount();
            connection.commit();
            System.out.println("invoices=" + invoices + " lineItems=" + lineItems.getSum() + " maxHeap="
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "MB");
        }
    }
}

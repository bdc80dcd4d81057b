package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import io.jooqrelations.query.PreparedRead;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Way (a) prepared: S1 through {@code Read.prepare()}, built and rendered once, each call binding the invoice id —
 * typed and as JSON. The other scenarios are not prepared here.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Paired -p scenario=S1 -p baseline=jsonAgg -p library=prepared -p output=typed,json
 * }</pre>
 */
public final class PreparedLibraryWay implements Way {

    private final PreparedRead<InvoicesRecord> invoiceDetail;

    public PreparedLibraryWay(DSLContext dsl) {
        this.invoiceDetail = new LibraryWay(dsl).invoiceDetailRead(DSL.param("id", Long.class)).prepare();
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        return invoiceDetail.findFirst(InvoiceDetail.class, Map.of("id", invoiceId)).orElse(null);
    }

    @Override
    public String json(String scenario, long target) {
        if (!scenario.equals("S1")) {
            throw new UnsupportedOperationException("only S1 is prepared");
        }
        return invoiceDetail.findFirstJson(Map.of("id", target)).orElse(null);
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        throw new UnsupportedOperationException("only S1 is prepared");
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        throw new UnsupportedOperationException("only S1 is prepared");
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        throw new UnsupportedOperationException("only S1 is prepared");
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        throw new UnsupportedOperationException("only S1 is prepared");
    }
}

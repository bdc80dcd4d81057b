package io.jooqrelations.benchmarks;

import io.jooqrelations.query.JoinShape;
import io.jooqrelations.query.Read;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The database's side of the numbers in docs/performance.md: {@code EXPLAIN (ANALYZE, BUFFERS)} of the statements the
 * library sends, on the benchmark data set, each run several times interleaved with its alternative and reported as
 * the median execution time PostgreSQL measured (no client, no network), with the plan of the last run.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.jooqrelations.benchmarks.ExplainPlans
 * }</pre>
 */
public final class ExplainPlans {

    private static final int RUNS = 7;

    private ExplainPlans() {
    }

    public static void main(String[] args) {
        BenchmarkDatabase db = BenchmarkDatabase.shared(DataSize.ofScale(1), System.out);
        DSLContext dsl = db.dsl();
        Targets targets = db.targets();
        LibraryWay library = new LibraryWay(dsl);

        long first = targets.bulkStarts()[0];
        long last = first + targets.bulkSize() - 1;
        Read<?> bulk = library.bulkRead(first, last);
        compare(dsl, RUNS, "S4 bulk (5 000 invoices with line items, indexed link)",
                "grouped", bulk.joinShape(JoinShape.GROUPED).toInlinedSQL(),
                "correlated (JoinShape.AUTO)", bulk.joinShape(JoinShape.CORRELATED).toInlinedSQL());
        // the same without the index that leads with invoice_line_items.invoice_id, dropped inside a transaction that
        // is rolled back; 100 invoices, as each correlated subquery now scans the whole table
        Read<?> hundred = library.bulkRead(first, first + 99);
        String groupedSql = hundred.joinShape(JoinShape.GROUPED).toInlinedSQL();
        String correlatedSql = hundred.joinShape(JoinShape.CORRELATED).toInlinedSQL();
        try {
            dsl.transaction(tx -> {
                tx.dsl().execute("alter table invoice_line_items drop constraint invoice_line_items_invoice_id_position_key");
                compare(tx.dsl(), 3, "S4 bulk, 100 invoices, no index on the link", "grouped (what JoinShape.AUTO "
                        + "picks for an unindexed link)", groupedSql, "correlated", correlatedSql);
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // the index is back
        }

        long organization = targets.organizations()[0];
        compare(dsl, RUNS, "S3 dashboard (organization, 20 newest invoices with items and tags, members with users)",
                "typed (findFirst)", captured(dsl, d -> new LibraryWay(d).dashboardRead(organization, 20).findFirst()),
                "JSON (findFirstJson)", captured(dsl, d -> new LibraryWay(d).dashboardRead(organization, 20)
                        .findFirstJson()));
        System.exit(0);
    }

    /** The inlined SQL of the one statement {@code read} sends. */
    private static String captured(DSLContext dsl, java.util.function.Consumer<DSLContext> read) {
        List<String> statements = new ArrayList<>();
        DSLContext recording = dsl.configuration().derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(dsl.renderInlined(ctx.query()));
            }
        })).dsl();
        read.accept(recording);
        if (statements.size() != 1) {
            throw new IllegalStateException("expected one statement, got " + statements);
        }
        return statements.get(0);
    }

    /** Thrown to roll a transaction back. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void compare(DSLContext dsl, int runs, String title, String nameA, String sqlA, String nameB,
            String sqlB) {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        String planA = null;
        String planB = null;
        for (int i = 0; i < runs; i++) {
            planA = explain(dsl, sqlA);
            a.add(executionMillis(planA));
            planB = explain(dsl, sqlB);
            b.add(executionMillis(planB));
        }
        System.out.printf(Locale.ROOT, "%n## %s%n%s: median %.2f ms (runs %s)%n%s: median %.2f ms (runs %s)%n"
                + "ratio %s/%s: %.2f%n", title, nameA, median(a), a, nameB, median(b), b, nameA, nameB,
                median(a) / median(b));
        System.out.println("\n### " + nameA + "\n" + planA + "\n### " + nameB + "\n" + planB);
    }

    private static String explain(DSLContext dsl, String sql) {
        StringBuilder plan = new StringBuilder();
        for (Record r : dsl.fetch("explain (analyze, buffers) " + sql)) {
            plan.append(r.get(0)).append('\n');
        }
        return plan.toString();
    }

    private static double executionMillis(String plan) {
        for (String line : plan.split("\n")) {
            if (line.startsWith("Execution Time:")) {
                return Double.parseDouble(line.replaceAll("[^0-9.]", ""));
            }
        }
        throw new IllegalStateException("no execution time in " + plan);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

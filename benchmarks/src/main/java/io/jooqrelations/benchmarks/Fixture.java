package io.jooqrelations.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH state shared by the scenario benchmarks: the database (started, migrated and generated once per fork, see
 * {@link BenchmarkDatabase}), the five ways over it, and cursors over the {@link Targets} so that every way reads the
 * same rows in the same order.
 *
 * <p>{@code -p scale=0.1} runs on a smaller data set; {@code -Drelations.db=jdbc:postgresql://...} on an existing server.
 */
@State(Scope.Benchmark)
public class Fixture {

    /** Data set size relative to the default (200 organizations, 100 000 invoices, ~500 000 line items). */
    @Param("1")
    public double scale;

    BenchmarkDatabase db;
    Ways ways;
    StatementTally tally;
    Targets targets;
    private Targets.Cursor invoices;
    private Targets.Cursor organizations;
    private Targets.Cursor bulkStarts;
    private Targets.Cursor threadedInvoices;

    @Setup(Level.Trial)
    public void start() {
        db = BenchmarkDatabase.shared(DataSize.ofScale(scale), System.out);
        ways = db.ways();
        tally = db.tally();
        targets = db.targets();
        invoices = new Targets.Cursor(targets.invoices());
        organizations = new Targets.Cursor(targets.organizations());
        bulkStarts = new Targets.Cursor(targets.bulkStarts());
        threadedInvoices = new Targets.Cursor(targets.threadedInvoices());
    }

    long nextInvoice() {
        return invoices.next();
    }

    long nextOrganization() {
        return organizations.next();
    }

    long nextBulkStart() {
        return bulkStarts.next();
    }

    long bulkEnd(long start) {
        return start + targets.bulkSize() - 1;
    }

    long nextThreadedInvoice() {
        return threadedInvoices.next();
    }
}

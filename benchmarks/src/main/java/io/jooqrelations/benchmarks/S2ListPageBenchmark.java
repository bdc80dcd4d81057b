package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S2: list page — the 50 latest invoices of one organization (issued_on desc, id desc), each with line items and tags.
 * The same read five ways; each call reads the next target of {@link Targets}, so all ways read the same rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S2ListPageBenchmark {

    /** (a) this library: one MULTISET statement from the relations graph. */
    @Benchmark
    public List<InvoiceListItem> a_library(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        List<InvoiceListItem> result = f.ways.library().listPage(org, Targets.PAGE_SIZE);
        c.done(f.tally);
        return result;
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping. */
    @Benchmark
    public List<InvoiceListItem> b_multiset(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        List<InvoiceListItem> result = f.ways.multiset().listPage(org, Targets.PAGE_SIZE);
        c.done(f.tally);
        return result;
    }

    /** (c) hand-written json_agg SQL over plain JDBC, parsed into the records. */
    @Benchmark
    public List<InvoiceListItem> c_jsonAgg(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        List<InvoiceListItem> result = f.ways.jsonAgg().listPage(org, Targets.PAGE_SIZE);
        c.done(f.tally);
        return result;
    }

    /** (d) naive N+1 with jOOQ. */
    @Benchmark
    public List<InvoiceListItem> d_nPlusOne(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        List<InvoiceListItem> result = f.ways.nPlusOne().listPage(org, Targets.PAGE_SIZE);
        c.done(f.tally);
        return result;
    }

    /** (e) one batched query per relation level, stitched in memory. */
    @Benchmark
    public List<InvoiceListItem> e_perLevel(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        List<InvoiceListItem> result = f.ways.perLevel().listPage(org, Targets.PAGE_SIZE);
        c.done(f.tally);
        return result;
    }
}

package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S1: invoice detail — one invoice by id with line items (by position), tags (by name), organization and assignee.
 * The same read five ways; each call reads the next target of {@link Targets}, so all ways read the same rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S1InvoiceDetailBenchmark {

    /** (a) this library: one MULTISET statement from the relations graph. */
    @Benchmark
    public InvoiceDetail a_library(Fixture f, ReadCounter c) {
        long id = f.nextInvoice();
        c.start(f.tally);
        InvoiceDetail result = f.ways.library().invoiceDetail(id);
        c.done(f.tally);
        return result;
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping. */
    @Benchmark
    public InvoiceDetail b_multiset(Fixture f, ReadCounter c) {
        long id = f.nextInvoice();
        c.start(f.tally);
        InvoiceDetail result = f.ways.multiset().invoiceDetail(id);
        c.done(f.tally);
        return result;
    }

    /** (c) hand-written json_agg SQL over plain JDBC, parsed into the records. */
    @Benchmark
    public InvoiceDetail c_jsonAgg(Fixture f, ReadCounter c) {
        long id = f.nextInvoice();
        c.start(f.tally);
        InvoiceDetail result = f.ways.jsonAgg().invoiceDetail(id);
        c.done(f.tally);
        return result;
    }

    /** (d) naive N+1 with jOOQ. */
    @Benchmark
    public InvoiceDetail d_nPlusOne(Fixture f, ReadCounter c) {
        long id = f.nextInvoice();
        c.start(f.tally);
        InvoiceDetail result = f.ways.nPlusOne().invoiceDetail(id);
        c.done(f.tally);
        return result;
    }

    /** (e) one batched query per relation level, stitched in memory. */
    @Benchmark
    public InvoiceDetail e_perLevel(Fixture f, ReadCounter c) {
        long id = f.nextInvoice();
        c.start(f.tally);
        InvoiceDetail result = f.ways.perLevel().invoiceDetail(id);
        c.done(f.tally);
        return result;
    }
}

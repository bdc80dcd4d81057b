package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
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
 * S4: bulk — 5 000 invoices (an id range, by id) with their line items (about 25 000).
 * The same read five ways, plus (f) the library's own query-per-level strategy; each call reads the next target of
 * {@link Targets}, so all ways read the same rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S4BulkBenchmark {

    /** (a) this library: one MULTISET statement from the relations graph. */
    @Benchmark
    public List<BulkInvoice> a_library(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.library().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping. */
    @Benchmark
    public List<BulkInvoice> b_multiset(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.multiset().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }

    /** (c) hand-written json_agg SQL over plain JDBC, parsed into the records. */
    @Benchmark
    public List<BulkInvoice> c_jsonAgg(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.jsonAgg().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }

    /** (d) naive N+1 with jOOQ. */
    @Benchmark
    public List<BulkInvoice> d_nPlusOne(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.nPlusOne().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }

    /** (e) one batched query per relation level, stitched in memory. */
    @Benchmark
    public List<BulkInvoice> e_perLevel(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.perLevel().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }

    /** (f) this library with {@code ReadStrategy.QUERY_PER_LEVEL}: its own version of (e). */
    @Benchmark
    public List<BulkInvoice> f_libraryPerLevel(Fixture f, ReadCounter c) {
        long first = f.nextBulkStart();
        c.start(f.tally);
        List<BulkInvoice> result = f.ways.libraryPerLevel().bulk(first, f.bulkEnd(first));
        c.done(f.tally);
        return result;
    }
}

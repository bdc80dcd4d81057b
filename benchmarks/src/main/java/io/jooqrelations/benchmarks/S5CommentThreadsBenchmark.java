package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.CommentThread;
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
 * S5: comment threads of one invoice three levels deep (top-level comments, replies, replies to replies), each with its author.
 * The same read five ways; each call reads the next target of {@link Targets}, so all ways read the same rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S5CommentThreadsBenchmark {

    /** (a) this library: one MULTISET statement from the relations graph. */
    @Benchmark
    public List<CommentThread> a_library(Fixture f, ReadCounter c) {
        long invoice = f.nextThreadedInvoice();
        c.start(f.tally);
        List<CommentThread> result = f.ways.library().commentThreads(invoice);
        c.done(f.tally);
        return result;
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping. */
    @Benchmark
    public List<CommentThread> b_multiset(Fixture f, ReadCounter c) {
        long invoice = f.nextThreadedInvoice();
        c.start(f.tally);
        List<CommentThread> result = f.ways.multiset().commentThreads(invoice);
        c.done(f.tally);
        return result;
    }

    /** (c) hand-written json_agg SQL over plain JDBC, parsed into the records. */
    @Benchmark
    public List<CommentThread> c_jsonAgg(Fixture f, ReadCounter c) {
        long invoice = f.nextThreadedInvoice();
        c.start(f.tally);
        List<CommentThread> result = f.ways.jsonAgg().commentThreads(invoice);
        c.done(f.tally);
        return result;
    }

    /** (d) naive N+1 with jOOQ. */
    @Benchmark
    public List<CommentThread> d_nPlusOne(Fixture f, ReadCounter c) {
        long invoice = f.nextThreadedInvoice();
        c.start(f.tally);
        List<CommentThread> result = f.ways.nPlusOne().commentThreads(invoice);
        c.done(f.tally);
        return result;
    }

    /** (e) one batched query per relation level, stitched in memory. */
    @Benchmark
    public List<CommentThread> e_perLevel(Fixture f, ReadCounter c) {
        long invoice = f.nextThreadedInvoice();
        c.start(f.tally);
        List<CommentThread> result = f.ways.perLevel().commentThreads(invoice);
        c.done(f.tally);
        return result;
    }
}

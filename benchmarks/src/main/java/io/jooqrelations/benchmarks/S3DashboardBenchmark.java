package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.Dashboard;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S3: dashboard — one organization, its 20 latest invoices with line items and tags, and its memberships with users.
 * The same read five ways; each call reads the next target of {@link Targets}, so all ways read the same rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class S3DashboardBenchmark {

    /** (a) this library: one MULTISET statement from the relations graph. */
    @Benchmark
    public Dashboard a_library(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        Dashboard result = f.ways.library().dashboard(org, Targets.DASHBOARD_INVOICES);
        c.done(f.tally);
        return result;
    }

    /** (b) hand-written jOOQ MULTISET with hand mapping. */
    @Benchmark
    public Dashboard b_multiset(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        Dashboard result = f.ways.multiset().dashboard(org, Targets.DASHBOARD_INVOICES);
        c.done(f.tally);
        return result;
    }

    /** (c) hand-written json_agg SQL over plain JDBC, parsed into the records. */
    @Benchmark
    public Dashboard c_jsonAgg(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        Dashboard result = f.ways.jsonAgg().dashboard(org, Targets.DASHBOARD_INVOICES);
        c.done(f.tally);
        return result;
    }

    /** (d) naive N+1 with jOOQ. */
    @Benchmark
    public Dashboard d_nPlusOne(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        Dashboard result = f.ways.nPlusOne().dashboard(org, Targets.DASHBOARD_INVOICES);
        c.done(f.tally);
        return result;
    }

    /** (e) one batched query per relation level, stitched in memory. */
    @Benchmark
    public Dashboard e_perLevel(Fixture f, ReadCounter c) {
        long org = f.nextOrganization();
        c.start(f.tally);
        Dashboard result = f.ways.perLevel().dashboard(org, Targets.DASHBOARD_INVOICES);
        c.done(f.tally);
        return result;
    }
}

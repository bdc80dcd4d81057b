package io.jooqrelations.benchmarks;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A scenario with (a) this library and a baseline — (b) hand-written jOOQ MULTISET, or (c) hand-written lateral
 * {@code json_agg} SQL over plain JDBC, chosen with {@code -p baseline=} — measured <em>interleaved</em> in one JVM and one
 * thread: each operation reads the next target both ways, back to back, alternating which way goes first (the second
 * read of a row finds it in warm caches), and times each read with {@link System#nanoTime()}. On a shared machine
 * whose speed drifts by 2× from one minute to the next, running the ways one after the other (as the scenario
 * benchmarks do) compares the drift more than the ways; here every drift hits both alike. a over the baseline is
 * {@code aNanos / bNanos} (the counter keeps the name b for either baseline); per-read times are {@code aNanos / pairs}
 * and {@code bNanos / pairs}. Both results must be equal. S4 (bulk, ~100 ms reads) is not in the default list; run it
 * with {@code -p scenario=S4 -p baseline=perLevel} (a/e), adding {@code -p library=libraryPerLevel} for f/e.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Paired -prof gc
 * java -jar benchmarks/target/benchmarks.jar Paired -p scenario=S1 -p baseline=jsonAgg
 * java -jar benchmarks/target/benchmarks.jar Paired -p scenario=S4 -p baseline=perLevel -p library=library,libraryPerLevel
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class PairedBenchmark {

    /** The scenario read interleaved; see the scenario benchmarks for what each reads. */
    @Param({"S1", "S2", "S3", "S5"})
    public String scenario;

    /** The way (a) is paired with: {@code multiset} (b), {@code jsonAgg} (c) or {@code perLevel} (e). */
    @Param({"multiset", "jsonAgg"})
    public String baseline;

    /**
     * The library's way: {@code library} (a, one statement), {@code libraryPerLevel} (f, query per level) or
     * {@code prepared} (a through {@code Read.prepare()}, S1 only).
     */
    @Param({"library"})
    public String library;

    /**
     * What both ways return: {@code typed} view records, or {@code json}, the tree as JSON text built by the database
     * (the library's {@code find...Json} against (c)'s statement returning its text; S4 has none). JSON results are
     * compared by their structure (the same objects, keys and array lengths), as the two differ in number formatting.
     */
    @Param({"typed"})
    public String output;

    /** Nanoseconds spent in each way and the number of pairs, per iteration (JMH reports the sums). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PairTimes {

        public long aNanos;
        public long bNanos;
        public long pairs;
        private boolean libraryFirst;

        @Setup(Level.Iteration)
        public void clear() {
            aNanos = 0;
            bNanos = 0;
            pairs = 0;
        }
    }

    /** The next target of the scenario, read by (a) and by (b) in alternating order; both results must be equal. */
    @Benchmark
    public void aAndB(Fixture f, PairTimes times, Blackhole blackhole) {
        Function<Way, Object> read = read(f);
        boolean libraryFirst = times.libraryFirst;
        times.libraryFirst = !libraryFirst;
        Way other = switch (baseline) {
            case "jsonAgg" -> f.ways.jsonAgg();
            case "perLevel" -> f.ways.perLevel();
            default -> f.ways.multiset();
        };
        Way ours = switch (library) {
            case "libraryPerLevel" -> f.ways.libraryPerLevel();
            case "prepared" -> prepared(f);
            default -> f.ways.library();
        };
        Way first = libraryFirst ? ours : other;
        Way second = libraryFirst ? other : ours;
        long t0 = System.nanoTime();
        Object firstResult = read.apply(first);
        long t1 = System.nanoTime();
        Object secondResult = read.apply(second);
        long t2 = System.nanoTime();
        Object a = libraryFirst ? firstResult : secondResult;
        Object b = libraryFirst ? secondResult : firstResult;
        times.aNanos += libraryFirst ? t1 - t0 : t2 - t1;
        times.bNanos += libraryFirst ? t2 - t1 : t1 - t0;
        times.pairs++;
        if (output.equals("json") ? !JsonShape.of(a).equals(JsonShape.of(b)) : !Objects.equals(a, b)) {
            throw new IllegalStateException(scenario + ": (a) and (b) read differently: " + a + " vs " + b);
        }
        blackhole.consume(a);
        blackhole.consume(b);
    }

    private Way prepared;

    /** The prepared way, made once per trial on the fixture's connection. */
    private Way prepared(Fixture f) {
        if (prepared == null) {
            prepared = new PreparedLibraryWay(f.db.dsl());
        }
        return prepared;
    }

    /** The scenario's read of its next target, for any way. */
    private Function<Way, Object> read(Fixture f) {
        if (output.equals("json")) {
            long target = switch (scenario) {
                case "S1" -> f.nextInvoice();
                case "S2", "S3" -> f.nextOrganization();
                case "S5" -> f.nextThreadedInvoice();
                default -> throw new IllegalArgumentException("PairedBenchmark has no JSON read for " + scenario);
            };
            return way -> way.json(scenario, target);
        }
        switch (scenario) {
            case "S1" -> {
                long invoice = f.nextInvoice();
                return way -> way.invoiceDetail(invoice);
            }
            case "S2" -> {
                long organization = f.nextOrganization();
                return way -> way.listPage(organization, Targets.PAGE_SIZE);
            }
            case "S3" -> {
                long organization = f.nextOrganization();
                return way -> way.dashboard(organization, Targets.DASHBOARD_INVOICES);
            }
            case "S4" -> {
                long first = f.nextBulkStart();
                return way -> way.bulk(first, f.bulkEnd(first));
            }
            case "S5" -> {
                long invoice = f.nextThreadedInvoice();
                return way -> way.commentThreads(invoice);
            }
            default -> throw new IllegalArgumentException("PairedBenchmark has no scenario " + scenario
                    + "; use S1, S2, S3 or S5.");
        }
    }
}

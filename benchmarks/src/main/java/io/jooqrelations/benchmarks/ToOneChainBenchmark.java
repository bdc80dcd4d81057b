package io.jooqrelations.benchmarks;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Read;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A chain of to-one relations read both ways the library has — typed ({@code findMany()}) and as JSON built by the
 * database ({@code findManyJson()}) — interleaved like {@link PairedBenchmark}: the comments of a threaded invoice,
 * each with its author (a key lookup), its invoice with that invoice's organization and assignee, and its parent
 * comment with the parent's author (both to-ones with relations of their own, so more than a lookup). The two forms
 * read the same tree; their ratio {@code jsonNanos / typedNanos} shows whether they are read in the same shape: when
 * the JSON statement read such to-ones as scalar subqueries and the typed one as lateral joins, the JSON form was 2–3
 * times slower on a music-store schema (issue 25); since the planner decides the shape once, both are lateral joins.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ToOneChain
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ToOneChainBenchmark {

    /** Nanoseconds spent in each form and the number of pairs, per iteration (JMH reports the sums). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FormTimes {

        public long jsonNanos;
        public long typedNanos;
        public long pairs;
        private boolean jsonFirst;

        @Setup(Level.Iteration)
        public void clear() {
            jsonNanos = 0;
            typedNanos = 0;
            pairs = 0;
        }
    }

    private NestedReads reads;

    @Setup(Level.Trial)
    public void start(Fixture f) {
        reads = NestedReads.using(f.db.dsl(), AppRelations.RELATIONS);
    }

    /** The comments of {@code invoiceId} with their chain of to-ones. */
    Read<CommentsRecord> chain(long invoiceId) {
        return reads.from(COMMENTS).where(COMMENTS.INVOICE_ID.eq(invoiceId)).orderBy(COMMENTS.ID)
                .with("author", a -> a.columns(USERS.ID, USERS.DISPLAY_NAME))
                .with("invoice", i -> i.columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS)
                        .with("organization", o -> o.columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME))
                        .with("assignee", a -> a.columns(USERS.ID, USERS.DISPLAY_NAME)))
                .with("parent", p -> p.columns(COMMENTS.ID, COMMENTS.BODY)
                        .with("author", a -> a.columns(USERS.ID, USERS.DISPLAY_NAME)));
    }

    /** The next threaded invoice's chain read typed and as JSON, in alternating order. */
    @Benchmark
    public void jsonAndTyped(Fixture f, FormTimes times, Blackhole blackhole) {
        long invoice = f.nextThreadedInvoice();
        boolean jsonFirst = times.jsonFirst;
        times.jsonFirst = !jsonFirst;
        long t0 = System.nanoTime();
        Object first = jsonFirst ? chain(invoice).findManyJson() : chain(invoice).findMany();
        long t1 = System.nanoTime();
        Object second = jsonFirst ? chain(invoice).findMany() : chain(invoice).findManyJson();
        long t2 = System.nanoTime();
        times.jsonNanos += jsonFirst ? t1 - t0 : t2 - t1;
        times.typedNanos += jsonFirst ? t2 - t1 : t1 - t0;
        times.pairs++;
        blackhole.consume(first);
        blackhole.consume(second);
    }
}

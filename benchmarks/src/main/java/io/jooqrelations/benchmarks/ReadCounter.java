package io.jooqrelations.benchmarks;

import java.util.Locale;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Counts statements and reads per benchmark iteration; JMH reports both public fields as secondary results
 * ({@code statements}, {@code reads} in the JSON output), so statements per read = statements / reads. The totals are
 * also printed once per trial.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ReadCounter {

    /** Statements sent during this iteration. */
    public long statements;
    /** Reads completed during this iteration. */
    public long reads;

    private long before;
    private long trialStatements;
    private long trialReads;

    @Setup(Level.Iteration)
    public void clear() {
        statements = 0;
        reads = 0;
    }

    void start(StatementTally tally) {
        before = tally.count();
    }

    void done(StatementTally tally) {
        long n = tally.count() - before;
        statements += n;
        reads++;
        trialStatements += n;
        trialReads++;
    }

    @TearDown(Level.Trial)
    public void print(BenchmarkParams params) {
        if (trialReads > 0) {
            System.out.printf(Locale.ROOT, "%n%s: %.2f statements per read (%d statements, %d reads)%n",
                    params.getBenchmark(), (double) trialStatements / trialReads, trialStatements, trialReads);
        }
    }
}

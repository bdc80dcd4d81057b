package io.jooqrelations.benchmarks;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.schema.DefaultSchema;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and validating the demo's whole relations graph (every table, 23 relations, inference, aliases, through),
 * plus its foreign-key coverage report. Target: under 50 ms. No database needed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GraphBuildBenchmark {

    @Benchmark
    public Relations defineDemoGraph() {
        return Relations.define(DefaultSchema.DEFAULT_SCHEMA, AppRelations::declare);
    }

    @Benchmark
    public Object coverageOfDemoGraph() {
        return AppRelations.RELATIONS.coverage();
    }
}

package io.jooqrelations.benchmarks;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.ScratchDatabase;
import io.jooqrelations.query.JitGuard;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.relations.Relations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Issue 26's load scenario, run by hand on a server with a JIT: the 7-level CRM read of {@link JitTrapBenchmark}
 * (never-analyzed tables), a JSON and a typed read per round, from 16 threads through a pool of 8 connections, with the
 * library as it comes ({@link JitGuard#AUTO}), with every connection's session at {@code jit = off} (the fix a user
 * must know), and unguarded ({@link JitGuard#OFF}, fewer rounds: each read compiles). Prints the wall time and the time
 * per read of each. Not a JMH benchmark: it measures throughput under contention once, as a user's service would meet it.
 *
 * <pre>{@code
 * java -Drelations.db=system -cp benchmarks/target/benchmarks.jar io.jooqrelations.benchmarks.JitTrapUnderLoad 100 5
 * }</pre>
 * (arguments: rounds per thread for the guarded and jit-off runs, rounds per thread unguarded)
 */
public final class JitTrapUnderLoad {

    private static final int THREADS = 16;
    private static final int CONNECTIONS = 8;

    private JitTrapUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int unguardedRounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ScratchDatabase database = ScratchDatabase.start(DialectChoice.POSTGRES, "jit_trap_load",
                "classpath:db/realworld")) {
            try (Connection seed = database.dataSource().getConnection()) {
                JitTrapBenchmark.seedCrm(DSL.using(seed, SQLDialect.POSTGRES));
                DSL.using(seed, SQLDialect.POSTGRES).fetch("select oid::regclass::text from pg_class where relkind = 'r' "
                        + "and relnamespace::regnamespace::text in ('crm', 'auth')").getValues(0, String.class)
                        .forEach(table -> DSL.using(seed, SQLDialect.POSTGRES)
                                .execute("alter table " + table + " set (autovacuum_enabled = false)"));
                System.out.println("JIT available: " + DSL.using(seed, SQLDialect.POSTGRES)
                        .fetchValue("select pg_jit_available()"));
            }
            run("guarded (JitGuard.AUTO, the default)", database, false, JitGuard.AUTO, rounds);
            run("jit = off per session", database, true, JitGuard.OFF, rounds);
            run("unguarded (JitGuard.OFF)", database, false, JitGuard.OFF, unguardedRounds);
        }
    }

    private static void run(String name, ScratchDatabase database, boolean jitOff, JitGuard guard, int rounds)
            throws Exception {
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection connection = database.dataSource().getConnection();
            if (jitOff) {
                try (java.sql.Statement session = connection.createStatement()) {
                    session.execute("set jit = off");
                }
            }
            pool.add(connection);
        }
        DSLContext dsl = DSL.using(new Pool(pool), SQLDialect.POSTGRES);
        Relations graph = JitTrapBenchmark.crmGraph();   // a graph of its own: its first read is checked anew
        NestedReads reads = NestedReads.using(dsl, graph).withJitGuard(guard);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(threads.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        JitTrapBenchmark.sevenLevels(reads).findManyJson();
                        JitTrapBenchmark.sevenLevels(reads).findMany();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int readsDone = THREADS * rounds * 2;
        System.out.printf("%s: %d reads in %.1f s, %.2f ms per read (wall time / reads), %.1f reads/s%n", name,
                readsDone, seconds, seconds * 1000 / readsDone, readsDone / seconds);
        for (Connection connection : pool) {
            connection.close();
        }
    }

    /** A fixed pool: a read waits for one of its connections. */
    private record Pool(BlockingQueue<Connection> connections) implements ConnectionProvider {
        @Override
        public Connection acquire() {
            try {
                return connections.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataAccessException("interrupted while waiting for a connection", e);
            }
        }

        @Override
        public void release(Connection connection) {
            connections.add(connection);
        }
    }
}

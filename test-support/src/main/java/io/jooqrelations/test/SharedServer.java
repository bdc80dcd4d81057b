package io.jooqrelations.test;

import io.jooqrelations.db.DatabaseServer;
import io.jooqrelations.db.DialectChoice;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server per dialect and JVM for MariaDB (embedded) and MySQL (a container), started on first use and stopped by a
 * shutdown hook (their side of {@link SharedPostgres}). They have no template databases; each database is migrated on
 * its own (a few tables take well under a second).
 */
final class SharedServer {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServer.class);
    private static final Map<DialectChoice, SharedServer> INSTANCES = new EnumMap<>(DialectChoice.class);

    private final DatabaseServer server;
    private final String prefix = "rel_" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    private SharedServer(DatabaseServer server) {
        this.server = server;
    }

    static synchronized SharedServer of(DialectChoice dialect) {
        return INSTANCES.computeIfAbsent(dialect, d -> {
            long started = System.nanoTime();
            SharedServer shared = new SharedServer(DatabaseServer.start(d));
            LOG.info("{} server ready in {} ms", d.label(), (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::close, "shared-" + d.label() + "-shutdown"));
            return shared;
        });
    }

    DatabaseServer server() {
        return server;
    }

    /** A new, empty database's name. */
    String newDatabase() {
        String name = prefix + "_" + counter.incrementAndGet();
        server.createDatabase(name);
        return name;
    }
}

package io.jooqrelations.test;

import io.jooqrelations.db.MariaDbServer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded MariaDB server per JVM, started on first use and stopped by a shutdown hook (the MariaDB side of
 * {@link SharedPostgres}). MariaDB has no template databases; each database is migrated on its own (a few tables take
 * well under a second).
 */
final class SharedMariaDb {

    private static final Logger LOG = LoggerFactory.getLogger(SharedMariaDb.class);
    private static volatile SharedMariaDb instance;

    private final MariaDbServer server;
    private final String prefix = "rel_" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    private SharedMariaDb(MariaDbServer server) {
        this.server = server;
    }

    static SharedMariaDb instance() {
        SharedMariaDb local = instance;
        if (local == null) {
            synchronized (SharedMariaDb.class) {
                local = instance;
                if (local == null) {
                    long started = System.nanoTime();
                    local = new SharedMariaDb(MariaDbServer.start());
                    LOG.info("embedded MariaDB ready in {} ms", (System.nanoTime() - started) / 1_000_000);
                    Runtime.getRuntime().addShutdownHook(new Thread(local.server::close, "shared-mariadb-shutdown"));
                    instance = local;
                }
            }
        }
        return local;
    }

    MariaDbServer server() {
        return server;
    }

    /** A new, empty database's name. */
    String newDatabase() {
        String name = prefix + "_" + counter.incrementAndGet();
        server.createDatabase(name);
        return name;
    }
}

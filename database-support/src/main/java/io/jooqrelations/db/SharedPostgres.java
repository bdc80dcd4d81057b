package io.jooqrelations.db;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server per JVM, started on first use and stopped by a shutdown hook, with a template database
 * migrated once; every caller gets its own copy of that template.
 *
 * <pre>{@code
 * String db = SharedPostgres.instance().newMigratedDatabase();
 * DataSource ds = SharedPostgres.instance().server().dataSource(db);
 * }</pre>
 */
public final class SharedPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPostgres.class);
    private static volatile SharedPostgres instance;

    private final PostgresServer server;
    private final String prefix = "rel_" + UUID.randomUUID().toString().substring(0, 8);
    private final String template = prefix + "_template";
    private final AtomicInteger counter = new AtomicInteger();

    private SharedPostgres(PostgresServer server) {
        this.server = server;
    }

    /** The JVM's server, started on the first call from {@link DatabaseChoice#fromEnvironment()}. */
    public static SharedPostgres instance() {
        SharedPostgres local = instance;
        if (local == null) {
            synchronized (SharedPostgres.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    instance = local;
                }
            }
        }
        return local;
    }

    private static SharedPostgres start() {
        DatabaseChoice choice = DatabaseChoice.fromEnvironment();
        long started = System.nanoTime();
        SharedPostgres shared = new SharedPostgres(PostgresServer.start(choice));
        shared.server.createDatabase(shared.template, null);
        FlywayMigrations.migrate(shared.server.dataSource(shared.template), FlywayMigrations.CLASSPATH_LOCATION);
        LOG.info("{} ready with migrated template {} in {} ms", choice, shared.template,
                (System.nanoTime() - started) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::shutdown, "shared-postgres-shutdown"));
        return shared;
    }

    /** The running server. */
    public PostgresServer server() {
        return server;
    }

    /** Creates a fresh database holding the migrated schema (and no rows) and returns its name. */
    public String newMigratedDatabase() {
        String name = prefix + "_" + counter.incrementAndGet();
        server.createDatabase(name, template);
        return name;
    }

    private void shutdown() {
        try {
            if (server.choice().kind() == DatabaseChoice.Kind.EXTERNAL) {
                server.dropDatabase(template);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not drop {}: {}", template, e.getMessage());
        } finally {
            server.close();
        }
    }
}

package io.jooqrelations.test;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server per JVM, started on first use and stopped by a shutdown hook, with a template database per
 * Flyway location migrated once, on that location's first use; every caller gets its own copy of a template.
 *
 * <pre>{@code
 * String db = SharedPostgres.instance().newMigratedDatabase();
 * String crm = SharedPostgres.instance().newMigratedDatabase("classpath:db/realworld");
 * DataSource ds = SharedPostgres.instance().server().dataSource(db);
 * }</pre>
 */
public final class SharedPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPostgres.class);
    private static volatile SharedPostgres instance;

    private final PostgresServer server;
    private final String prefix = "rel_" + UUID.randomUUID().toString().substring(0, 8);
    /** One migrated template database per Flyway location, created on first use. */
    private final Map<String, String> templates = new ConcurrentHashMap<>();
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
        LOG.info("{} ready in {} ms", choice, (System.nanoTime() - started) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::shutdown, "shared-postgres-shutdown"));
        return shared;
    }

    /** The running server. */
    public PostgresServer server() {
        return server;
    }

    /** Creates a fresh database holding the schema of Flyway's default location (and no rows) and returns its name. */
    public String newMigratedDatabase() {
        return newMigratedDatabase(FlywayMigrations.DEFAULT_LOCATION);
    }

    /**
     * Creates a fresh database holding the schema that the migrations at {@code flywayLocation} build; the location is
     * migrated once per JVM, into a template, on its first use (a project need not have scripts at the default one).
     */
    public String newMigratedDatabase(String flywayLocation) {
        return copyOf(templates.computeIfAbsent(flywayLocation, location -> {
            long started = System.nanoTime();
            String name = prefix + "_template_" + counter.incrementAndGet();
            server.createDatabase(name, null);
            FlywayMigrations.migrate(server.dataSource(name), location);
            LOG.info("migrated template {} from {} in {} ms", name, location, (System.nanoTime() - started) / 1_000_000);
            return name;
        }));
    }

    private String copyOf(String templateName) {
        String name = prefix + "_" + counter.incrementAndGet();
        server.createDatabase(name, templateName);
        return name;
    }

    private void shutdown() {
        try {
            if (server.choice().kind() == DatabaseChoice.Kind.EXTERNAL) {
                templates.values().forEach(server::dropDatabase);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not drop the templates {}: {}", templates.values(), e.getMessage());
        } finally {
            server.close();
        }
    }
}

package io.jooqrelations.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs a project's Flyway migrations, the single source of truth for its schema: used by the codegen plugin, the test
 * support, the demo and the benchmarks.
 *
 * <pre>{@code
 * FlywayMigrations.migrate(dataSource, FlywayMigrations.DEFAULT_LOCATION);
 * FlywayMigrations.migrate(dataSource, "filesystem:src/main/resources/db/migration", "classpath:db/seed");
 * }</pre>
 */
public final class FlywayMigrations {

    /** Flyway's own default location, {@code classpath:db/migration}: where a Maven project keeps its scripts. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    private FlywayMigrations() {
    }

    /** Applies all pending migrations at {@code locations} (after validating the applied ones); returns Flyway's result. */
    public static MigrateResult migrate(DataSource dataSource, String... locations) {
        return flyway(dataSource, locations).migrate();
    }

    /**
     * A Flyway configured the way this project runs it: a missing location is an error, {@code validateOnMigrate} stays
     * on, and it logs through SLF4J (inside Maven, Maven's own logging, so {@code -q} silences it; left to itself
     * Flyway may pick {@code java.util.logging} and print every step).
     */
    public static Flyway flyway(DataSource dataSource, String... locations) {
        return Flyway.configure()
                .loggers("slf4j")
                .dataSource(dataSource)
                .locations(locations)
                .failOnMissingLocations(true)
                .load();
    }
}

package io.jooqrelations.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the project's Flyway migrations: the single source of truth for the schema, used by codegen, tests and the demo.
 *
 * <pre>{@code
 * FlywayMigrations.migrate(dataSource, FlywayMigrations.CLASSPATH_LOCATION);
 * }</pre>
 */
public final class FlywayMigrations {

    /** Where {@code schema-sql} puts its scripts on the classpath. */
    public static final String CLASSPATH_LOCATION = "classpath:db/migration";

    private FlywayMigrations() {
    }

    /** Applies all pending migrations (after validating the applied ones) and returns Flyway's result. */
    public static MigrateResult migrate(DataSource dataSource, String location) {
        return flyway(dataSource, location).migrate();
    }

    /** A Flyway configured the way this project runs it; {@code validateOnMigrate} stays on. */
    public static Flyway flyway(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .failOnMissingLocations(true)
                .load();
    }
}

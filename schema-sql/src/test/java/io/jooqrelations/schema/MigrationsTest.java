package io.jooqrelations.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import io.jooqrelations.test.SharedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndASecondStartValidatesAndAppliesNothing() {
        PostgresServer server = SharedPostgres.instance().server();
        server.createDatabase("migrations_test_empty", null);
        try {
            DataSource ds = server.dataSource("migrations_test_empty");
            MigrateResult first = FlywayMigrations.migrate(ds, FlywayMigrations.DEFAULT_LOCATION);
            assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(2);

            Flyway secondStart = FlywayMigrations.flyway(ds, FlywayMigrations.DEFAULT_LOCATION);
            assertThat(secondStart.validateWithResult().validationSuccessful).isTrue();
            assertThat(secondStart.migrate().migrationsExecuted).isZero();
            assertThat(secondStart.info().pending()).isEmpty();
        } finally {
            server.dropDatabase("migrations_test_empty");
        }
    }
}

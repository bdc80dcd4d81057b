package io.jooqrelations.test;

import io.jooqrelations.db.FlywayMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a freshly migrated PostgreSQL database for one test class, with a {@link DSLContext} whose
 * statements are counted. The server starts once per JVM ({@link SharedPostgres}); each class gets its own database,
 * dropped after the class. The schema that Flyway's default location ({@code classpath:db/migration}) builds by default; another from its location:
 * {@code new MigratedDatabase("classpath:db/realworld")}.
 *
 * <pre>{@code
 * class InvoiceReadsTest {
 *     @RegisterExtension
 *     static final MigratedDatabase DB = new MigratedDatabase();
 *
 *     @Test
 *     void readsOneStatement() {
 *         DB.counter().reset();
 *         DB.dsl().selectOne().fetch();
 *         assertThat(DB.counter().count()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private final StatementCounter counter = new StatementCounter();
    private final String flywayLocation;
    private String databaseName;
    private Connection connection;
    private DSLContext dsl;

    /** A database with the schema the migrations at Flyway's default location build ({@link FlywayMigrations#DEFAULT_LOCATION}). */
    public MigratedDatabase() {
        this(FlywayMigrations.DEFAULT_LOCATION);
    }

    /** A database with the schema the Flyway migrations at {@code flywayLocation} build. */
    public MigratedDatabase(String flywayLocation) {
        this.flywayLocation = flywayLocation;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        SharedPostgres shared = SharedPostgres.instance();
        databaseName = shared.newMigratedDatabase(flywayLocation);
        connection = dataSource().getConnection();
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(connection);
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new Settings().withExecuteLogging(false));
        configuration.set(new DefaultExecuteListenerProvider(counter));
        dsl = DSL.using(configuration);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (databaseName != null) {
            SharedPostgres.instance().server().dropDatabase(databaseName);
        }
    }

    /** A jOOQ context on this class's database (one connection, auto-commit), with {@link #counter()} attached. */
    public DSLContext dsl() {
        if (dsl == null) {
            throw new IllegalStateException("MigratedDatabase is not started: register it with @RegisterExtension on a static field");
        }
        return dsl;
    }

    /** The statement counter attached to {@link #dsl()}. */
    public StatementCounter counter() {
        return counter;
    }

    /** A non-pooling data source on this class's database, for tests that need connections of their own. */
    public DataSource dataSource() {
        return SharedPostgres.instance().server().dataSource(databaseName);
    }

    /** The name of this class's database. */
    public String databaseName() {
        return databaseName;
    }
}

package io.jooqrelations.test;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.SqliteDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
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
 * <p>On another dialect ({@code -Drelations.dialect=mariadb}, {@code mysql} or {@code sqlite}, see {@link DialectChoice})
 * the class gets a database on an embedded MariaDB server or a MySQL container (one per JVM) or a SQLite file of its own, migrated by that dialect's
 * scripts ({@code classpath:db/migration-mariadb} for {@code classpath:db/migration}), and a context of that dialect
 * which leaves schema names out of the SQL: the tables generated from PostgreSQL's {@code public} schema are the
 * database's own tables there.
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
 *
 * <p>Rows every test of the class reads are loaded once, after the migration: {@link #withData(Consumer)}. An object
 * the tests work with, made from the context once the rows are in (a {@code NestedReads}, say), comes with the
 * database from {@link #ready(Function)}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ReadyDatabase<NestedReads> DB = new MigratedDatabase()
 *         .withData(ExampleData::load)
 *         .ready(dsl -> NestedReads.using(dsl, RELATIONS));
 * }</pre>
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private final StatementCounter counter = new StatementCounter();
    private final String flywayLocation;
    private final DialectChoice dialect = DialectChoice.fromEnvironment();
    private final List<Consumer<DSLContext>> dataLoaders = new ArrayList<>();
    private final String declaringClass = DeclaringClass.ofNewFixture();
    private String databaseName;
    private SqliteDatabase sqlite;
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

    /**
     * Has {@code loader} fill the database once, right after the migration, through {@link #dsl()}; loaders run in the
     * order they were added.
     *
     * <pre>{@code
     * @RegisterExtension
     * static final MigratedDatabase DB = new MigratedDatabase()
     *         .withData(ExampleData::load)
     *         .withData(dsl -> dsl.execute("insert into tags (name) values ('extra')"));
     * }</pre>
     *
     * @return this database, for more calls
     * @throws IllegalStateException if the database is started already (the loader would never run)
     */
    public MigratedDatabase withData(Consumer<DSLContext> loader) {
        Objects.requireNonNull(loader, "loader");
        if (isStarted()) {
            throw new IllegalStateException("withData(...) on the started MigratedDatabase of " + declaringClass
                    + ": add the data where the field is declared, before JUnit starts it");
        }
        dataLoaders.add(loader);
        return this;
    }

    /**
     * This database, and once it is migrated and filled, what {@code factory} makes from its {@link #dsl()}: the
     * fixture a test class registers in place of this one.
     *
     * <pre>{@code
     * @RegisterExtension
     * static final ReadyDatabase<NestedReads> DB = new MigratedDatabase()
     *         .withData(ExampleData::load)
     *         .ready(dsl -> NestedReads.using(dsl, RELATIONS));
     * }</pre>
     *
     * @param <T> what the factory makes
     */
    public <T> ReadyDatabase<T> ready(Function<DSLContext, ? extends T> factory) {
        return new ReadyDatabase<>(this, factory);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        switch (dialect) {
            case POSTGRES -> databaseName = SharedPostgres.instance().newMigratedDatabase(flywayLocation);
            case MARIADB, MYSQL -> {
                databaseName = SharedServer.of(dialect).newDatabase();
                FlywayMigrations.migrate(dataSource(), dialect.location(flywayLocation));
            }
            case SQLITE -> {
                sqlite = SqliteDatabase.create(context.getRequiredTestClass().getSimpleName());
                databaseName = sqlite.file().getFileName().toString();
                FlywayMigrations.migrate(dataSource(), dialect.location(flywayLocation));
            }
        }
        connection = dataSource().getConnection();
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(connection);
        configuration.set(dialect.sqlDialect());
        configuration.set(dialect.settings().withExecuteLogging(false));
        configuration.set(new DefaultExecuteListenerProvider(counter));
        dsl = DSL.using(configuration);
        for (Consumer<DSLContext> loader : dataLoaders) {
            loader.accept(dsl);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (databaseName != null) {
            switch (dialect) {
                case POSTGRES -> SharedPostgres.instance().server().dropDatabase(databaseName);
                case MARIADB, MYSQL -> SharedServer.of(dialect).server().dropDatabase(databaseName);
                case SQLITE -> sqlite.delete();
            }
        }
    }

    /** A jOOQ context on this class's database (one connection, auto-commit), with {@link #counter()} attached. */
    public DSLContext dsl() {
        if (dsl == null) {
            throw new IllegalStateException("MigratedDatabase of " + declaringClass
                    + " is not started: register it with @RegisterExtension on a static field");
        }
        return dsl;
    }

    /** The statement counter attached to {@link #dsl()}. */
    public StatementCounter counter() {
        return counter;
    }

    /** A non-pooling data source on this class's database, for tests that need connections of their own. */
    public DataSource dataSource() {
        return switch (dialect) {
            case POSTGRES -> SharedPostgres.instance().server().dataSource(databaseName);
            case MARIADB, MYSQL -> SharedServer.of(dialect).server().dataSource(databaseName);
            case SQLITE -> sqlite.dataSource();
        };
    }

    /** The dialect of this class's database ({@link DialectChoice#fromEnvironment()}). */
    public SQLDialect dialect() {
        return dialect.sqlDialect();
    }

    /** The name of this class's database. */
    public String databaseName() {
        return databaseName;
    }

    /** Whether the database is migrated and has its context ({@link #dsl()} works), true from the first data loader on. */
    boolean isStarted() {
        return dsl != null;
    }

    /** The simple name of the test class this database was made for, for messages. */
    String declaringClass() {
        return declaringClass;
    }
}

package io.jooqrelations.test;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a {@link MigratedDatabase} with its data loaded, and the object the test class works with, made
 * once from the database's context after the data is in (typically the {@code NestedReads} its tests read through).
 * One static field declares all of it, where a test class would otherwise keep the database, a static field for the
 * object and a {@code @BeforeAll} method that fills both. Made by {@link MigratedDatabase#ready(Function)}.
 *
 * <pre>{@code
 * class InvoiceReadsTest {
 *     @RegisterExtension
 *     static final ReadyDatabase<NestedReads> DB = new MigratedDatabase()
 *             .withData(ExampleData::load)
 *             .ready(dsl -> NestedReads.using(dsl, RELATIONS));
 *
 *     @Test
 *     void readsOneStatement() {
 *         DB.counter().reset();
 *         DB.get().from(INVOICES).with("lineItems").findMany();
 *         assertThat(DB.counter().count()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * @param <T> what the factory makes from the database's context
 */
public final class ReadyDatabase<T> implements BeforeAllCallback, AfterAllCallback {

    private final MigratedDatabase database;
    private final Function<DSLContext, ? extends T> factory;
    private T value;

    ReadyDatabase(MigratedDatabase database, Function<DSLContext, ? extends T> factory) {
        this.database = database;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Migrates and fills the database ({@link MigratedDatabase#beforeAll}), then makes the object from its context.
     * JUnit calls it once before the class's first test (and before its {@code @BeforeAll} methods) when the field is
     * registered: {@code @RegisterExtension static final ReadyDatabase<NestedReads> DB = ...}.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        database.beforeAll(context);
        value = Objects.requireNonNull(factory.apply(database.dsl()),
                () -> "the factory of the ReadyDatabase of " + database.declaringClass() + " made null");
    }

    /**
     * Drops the database ({@link MigratedDatabase#afterAll}). JUnit calls it once after the class's last test when the
     * field is registered: {@code @RegisterExtension static final ReadyDatabase<NestedReads> DB = ...}.
     */
    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        database.afterAll(context);
    }

    /**
     * What the factory made from the filled database's context, the same object for every test of the class. Named
     * like {@link java.util.function.Supplier#get()} because {@code T} is whatever the class needs, so no name here
     * could say what it is; a test that wants one names it where it reads it.
     *
     * <pre>{@code
     * NestedReads reads = DB.get();
     * reads.from(INVOICES).with("lineItems").findMany();
     * }</pre>
     *
     * @throws IllegalStateException before JUnit started this extension
     */
    public T get() {
        if (value == null) {
            throw notStarted();
        }
        return value;
    }

    /**
     * The counted context on the database ({@link MigratedDatabase#dsl()}), usable from the first data loader on.
     *
     * <pre>{@code
     * assertThat(DB.dsl().fetchCount(INVOICES)).isEqualTo(3);
     * }</pre>
     *
     * @throws IllegalStateException before JUnit started this extension
     */
    public DSLContext dsl() {
        if (!database.isStarted()) {
            throw notStarted();
        }
        return database.dsl();
    }

    /**
     * The statement counter attached to {@link #dsl()} ({@link MigratedDatabase#counter()}).
     *
     * <pre>{@code
     * DB.counter().reset();
     * DB.get().from(INVOICES).with("lineItems").findMany();
     * assertThat(DB.counter().count()).isEqualTo(1);
     * }</pre>
     */
    public StatementCounter counter() {
        return database.counter();
    }

    /**
     * A non-pooling data source on the database ({@link MigratedDatabase#dataSource()}), for connections of a test's
     * own.
     *
     * <pre>{@code
     * try (Connection connection = DB.dataSource().getConnection()) { ... }
     * }</pre>
     *
     * @throws IllegalStateException before JUnit started this extension
     */
    public DataSource dataSource() {
        if (!database.isStarted()) {
            throw notStarted();
        }
        return database.dataSource();
    }

    /**
     * The dialect of the database ({@link MigratedDatabase#dialect()}).
     *
     * <pre>{@code
     * DSLContext own = DSL.using(connection, DB.dialect());
     * }</pre>
     */
    public SQLDialect dialect() {
        return database.dialect();
    }

    /**
     * The name of the database ({@link MigratedDatabase#databaseName()}), null before JUnit started this extension.
     *
     * <pre>{@code
     * assertThat(DB.databaseName()).startsWith("rel_");
     * }</pre>
     */
    public String databaseName() {
        return database.databaseName();
    }

    /**
     * The database under this extension, for code that takes a {@link MigratedDatabase}.
     *
     * <pre>{@code
     * new DifferentialReads("label", DB.database(), RELATIONS, roots);
     * }</pre>
     */
    public MigratedDatabase database() {
        return database;
    }

    private IllegalStateException notStarted() {
        return new IllegalStateException("ReadyDatabase of " + database.declaringClass()
                + " is not started: register it with @RegisterExtension on a static field");
    }
}

package io.jooqrelations.db;

import java.util.Locale;
import java.util.Map;
import org.jooq.SQLDialect;

/**
 * Which SQL dialect the tests, the demo and the benchmarks run on: PostgreSQL (the default, see {@link DatabaseChoice}
 * for which server), MariaDB (an embedded server, {@link MariaDbServer}), MySQL (a Testcontainers image,
 * {@link MysqlServer}: only where Docker runs) or SQLite (a file, {@link SqliteDatabase}). Read from the system property {@code relations.dialect}, then the environment variable {@code RELATIONS_DIALECT}.
 *
 * <p>Each dialect has its own Flyway scripts for the same schema: the scripts of a PostgreSQL location
 * {@code classpath:db/migration} live at {@code classpath:db/migration-mariadb} and {@code classpath:db/migration-sqlite}
 * ({@link #location(String)}); MySQL runs the MariaDB scripts, which keep to what both servers accept.
 *
 * <pre>{@code
 * DialectChoice dialect = DialectChoice.fromEnvironment();          // -Drelations.dialect=mariadb
 * FlywayMigrations.migrate(dataSource, dialect.location("classpath:db/migration"));
 * }</pre>
 */
public enum DialectChoice {

    POSTGRES(SQLDialect.POSTGRES, ""),
    MARIADB(SQLDialect.MARIADB, "-mariadb"),
    MYSQL(SQLDialect.MYSQL, "-mariadb"),
    SQLITE(SQLDialect.SQLITE, "-sqlite");

    /** The system property that selects the dialect. */
    public static final String PROPERTY = "relations.dialect";

    private final SQLDialect sqlDialect;
    private final String locationSuffix;

    DialectChoice(SQLDialect sqlDialect, String locationSuffix) {
        this.sqlDialect = sqlDialect;
        this.locationSuffix = locationSuffix;
    }

    /** The dialect named by {@code relations.dialect} or {@code RELATIONS_DIALECT}; PostgreSQL when neither is set. */
    public static DialectChoice fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** The dialect named in {@code properties} ({@value #PROPERTY}) or {@code env} ({@code RELATIONS_DIALECT}). */
    public static DialectChoice from(Map<String, String> env, java.util.Properties properties) {
        String value = properties.getProperty(PROPERTY, env.get("RELATIONS_DIALECT"));
        return value == null || value.isBlank() ? POSTGRES : named(value);
    }

    /** The dialect called {@code name} ({@code postgres}, {@code mariadb}, {@code mysql}, {@code sqlite}; any case). */
    public static DialectChoice named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (DialectChoice choice : values()) {
            if (choice.name().equals(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("Unknown dialect '" + name + "' (" + PROPERTY
                + "): use postgres, mariadb, mysql or sqlite.");
    }

    /** The choice of jOOQ's {@code dialect} (its family), or an {@link IllegalArgumentException} for another. */
    public static DialectChoice of(SQLDialect dialect) {
        for (DialectChoice choice : values()) {
            if (choice.sqlDialect == dialect.family()) {
                return choice;
            }
        }
        throw new IllegalArgumentException("No database of dialect " + dialect + " here: use postgres, mariadb, mysql or sqlite.");
    }

    /** jOOQ's dialect for it. */
    public SQLDialect sqlDialect() {
        return sqlDialect;
    }

    /** Where this dialect's scripts of the PostgreSQL location {@code postgresLocation} are. */
    public String location(String postgresLocation) {
        return postgresLocation + locationSuffix;
    }

    /**
     * jOOQ settings for a context on this dialect: outside PostgreSQL without schema names, as the example's classes are
     * generated from PostgreSQL's {@code public} schema, which is the database itself on MariaDB, MySQL and SQLite.
     */
    public org.jooq.conf.Settings settings() {
        return new org.jooq.conf.Settings().withRenderSchema(this == POSTGRES);
    }

    /** The name users type: {@code postgres}, {@code mariadb}, {@code mysql}, {@code sqlite}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.jooqrelations.demo;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import java.sql.Connection;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The demo: starts PostgreSQL (embedded unless {@code -Drelations.db} says otherwise), migrates it with the Flyway
 * scripts, and prints what it finds.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl demo -am compile exec:java
 * }</pre>
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseChoice choice = DatabaseChoice.fromEnvironment();
        System.out.println("Starting " + choice + " ...");
        try (PostgresServer server = PostgresServer.start(choice)) {
            String database = "demo_" + Long.toHexString(System.nanoTime());
            server.createDatabase(database, null);
            try {
                FlywayMigrations.migrate(server.dataSource(database), FlywayMigrations.CLASSPATH_LOCATION);
                try (Connection connection = server.dataSource(database).getConnection()) {
                    printSchema(DSL.using(connection, SQLDialect.POSTGRES));
                }
            } finally {
                server.dropDatabase(database);
            }
        }
    }

    private static void printSchema(DSLContext dsl) {
        System.out.println("Tables and foreign keys of the migrated database:");
        for (Table<?> table : dsl.meta().getSchemas("public").get(0).getTables()) {
            if (table.getName().equals("flyway_schema_history")) {
                continue;
            }
            System.out.println("  " + table.getName());
            for (ForeignKey<?, ?> fk : table.getReferences()) {
                System.out.println("    " + fk.getFields().stream().map(f -> f.getName()).collect(Collectors.joining(", "))
                        + " -> " + fk.getKey().getTable().getName());
            }
        }
    }
}

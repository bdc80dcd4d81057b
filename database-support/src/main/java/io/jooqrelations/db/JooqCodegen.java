package io.jooqrelations.db;

import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;

/**
 * The build's codegen step: start the chosen PostgreSQL, migrate an empty database with the Flyway scripts, run jOOQ
 * codegen against it, stop. Run by {@code schema-sql} in {@code generate-sources}; any Maven project can run it the
 * same way (see docs/setup.md).
 *
 * <pre>{@code
 * java io.jooqrelations.db.JooqCodegen filesystem:src/main/resources/db/migration target/generated-sources/jooq com.example.schema
 * }</pre>
 */
public final class JooqCodegen {

    private JooqCodegen() {
    }

    /** Arguments: Flyway location, output directory, Java package. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: JooqCodegen <flyway-location> <output-directory> <package>");
        }
        generate(args[0], Path.of(args[1]), args[2], DatabaseChoice.fromEnvironment());
    }

    /** Migrates a fresh database on the chosen server and generates the jOOQ classes of its {@code public} schema. */
    public static void generate(String flywayLocation, Path outputDirectory, String packageName, DatabaseChoice choice)
            throws Exception {
        try (PostgresServer server = PostgresServer.start(choice)) {
            String database = "codegen_" + Long.toHexString(System.nanoTime());
            server.createDatabase(database, null);
            try {
                FlywayMigrations.migrate(server.dataSource(database), flywayLocation);
                GenerationTool.generate(configuration(server, database, outputDirectory, packageName));
            } finally {
                server.dropDatabase(database);
            }
        }
    }

    private static Configuration configuration(PostgresServer server, String database, Path outputDirectory,
            String packageName) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(server.jdbcUrl(database))
                        .withUser(server.user())
                        .withPassword(server.password()))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withOutputSchemaToDefault(true)
                                .withExcludes("flyway_schema_history"))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                .withPojos(false)
                                .withJavaTimeTypes(true)
                                .withGeneratedAnnotation(false)
                                .withComments(true))
                        .withTarget(new Target()
                                .withPackageName(packageName)
                                .withDirectory(outputDirectory.toString())
                                .withClean(true)));
    }
}

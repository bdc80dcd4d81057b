package io.jooqrelations.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * The build's codegen step: start the chosen PostgreSQL, migrate an empty database with the Flyway scripts, run jOOQ
 * codegen against it, stop. Run by {@code schema-sql} in {@code generate-sources}; any Maven project can run it the
 * same way (see docs/setup.md).
 *
 * <pre>{@code
 * java io.jooqrelations.db.JooqCodegen filesystem:src/main/resources/db/migration target/generated-sources/jooq com.example.schema
 * java io.jooqrelations.db.JooqCodegen filesystem:src/main/resources/db/crm target/generated-sources/jooq com.example.crm crm,auth
 * }</pre>
 *
 * <p>Without a schema list only {@code public} is generated, as jOOQ's default schema (no schema in the SQL). With
 * one, every listed schema is generated under its own name (several, a subpackage each), without implicit join paths (jOOQ's path
 * classes of two same-named tables in two schemas, such as {@code crm.accounts} and {@code auth.accounts}, do not
 * compile; the library never uses them). A listed schema without tables after the migrations is an error, never a
 * green build with nothing generated.
 */
public final class JooqCodegen {

    private JooqCodegen() {
    }

    /** Arguments: Flyway location, output directory, Java package, and optionally the schemas, comma-separated. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: JooqCodegen <flyway-location> <output-directory> <package> [<schema>,<schema>...]");
        }
        List<String> schemas = args.length == 4 ? Arrays.stream(args[3].split(",")).map(String::trim).toList() : List.of();
        generate(args[0], Path.of(args[1]), args[2], schemas, DatabaseChoice.fromEnvironment());
    }

    /** Migrates a fresh database on the chosen server and generates the jOOQ classes of its {@code public} schema. */
    public static void generate(String flywayLocation, Path outputDirectory, String packageName, DatabaseChoice choice)
            throws Exception {
        generate(flywayLocation, outputDirectory, packageName, List.of(), choice);
    }

    /**
     * Migrates a fresh database on the chosen server and generates the jOOQ classes of {@code schemas}, each under its
     * own name; with no schemas, of {@code public} as the default schema.
     */
    public static void generate(String flywayLocation, Path outputDirectory, String packageName, List<String> schemas,
            DatabaseChoice choice) throws Exception {
        try (PostgresServer server = PostgresServer.start(choice)) {
            String database = "codegen_" + Long.toHexString(System.nanoTime());
            server.createDatabase(database, null);
            try {
                DataSource dataSource = server.dataSource(database);
                FlywayMigrations.migrate(dataSource, flywayLocation);
                for (String schema : schemas.isEmpty() ? List.of("public") : schemas) {
                    requireTables(dataSource, schema, flywayLocation);
                }
                GenerationTool.generate(configuration(server, database, outputDirectory, packageName, schemas));
            } finally {
                server.dropDatabase(database);
            }
        }
    }

    /** jOOQ generates nothing, silently, for a schema that does not exist or has no tables: say so instead. */
    private static void requireTables(DataSource dataSource, String schema, String flywayLocation) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from information_schema.tables "
                        + "where table_schema = ? and table_name <> 'flyway_schema_history'")) {
            count.setString(1, schema);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new IllegalStateException("Schema '" + schema + "' has no tables after the migrations in "
                            + flywayLocation + "; check the schema names passed to JooqCodegen (case matters) and the "
                            + "migration location.");
                }
            }
        }
    }

    private static Configuration configuration(PostgresServer server, String database, Path outputDirectory,
            String packageName, List<String> schemas) {
        Database input = schemas.isEmpty()
                ? new Database().withInputSchema("public").withOutputSchemaToDefault(true)
                : new Database().withSchemata(schemas.stream().map(s -> new SchemaMappingType().withInputSchema(s)).toList());
        return new Configuration()
                .withLogging(Logging.WARN)
                .withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(server.jdbcUrl(database))
                        .withUser(server.user())
                        .withPassword(server.password()))
                .withGenerator(new Generator()
                        .withDatabase(input
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withExcludes("flyway_schema_history"))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                .withPojos(false)
                                .withJavaTimeTypes(true)
                                .withGeneratedAnnotation(false)
                                .withComments(true)
                                .withImplicitJoinPathsToOne(schemas.isEmpty())
                                .withImplicitJoinPathsToMany(schemas.isEmpty()))
                        .withTarget(new Target()
                                .withPackageName(packageName)
                                .withDirectory(outputDirectory.toString())
                                .withClean(true)));
    }
}

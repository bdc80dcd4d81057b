package io.jooqrelations.maven;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * One codegen run: start a throwaway PostgreSQL, migrate an empty database with the Flyway scripts, run jOOQ's
 * {@link GenerationTool} with the user's own {@code <generator>} (only the JDBC connection is ours; with no input schema
 * named, {@code public} rather than jOOQ's "every schema, system catalogs included"), check that tables were
 * generated, stop the server. The plugin's {@link GenerateMojo} calls it; tests call it directly.
 *
 * <pre>{@code
 * Generator generator = new Generator()
 *         .withDatabase(new Database().withInputSchema("sales"))
 *         .withTarget(new Target().withPackageName("com.example.db").withDirectory("target/generated-sources/jooq"));
 * CodegenRun.generate(List.of("filesystem:src/main/resources/db/migration"), generator, DatabaseChoice.embedded());
 * }</pre>
 */
final class CodegenRun {

    /** Flyway's own table: never part of the generated classes. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** jOOQ's Java generators (DefaultGenerator is the JAXB default name): replaced by the relations-writing one. */
    private static final java.util.Set<String> JAVA_GENERATORS = java.util.Set.of(JavaGenerator.class.getName(),
            org.jooq.codegen.DefaultGenerator.class.getName(), RelationsJavaGenerator.class.getName());

    private CodegenRun() {
    }

    /**
     * Migrates a fresh database on {@code choice}'s server with {@code flywayLocations} and generates {@code generator}'s
     * classes from it. {@code generator} is completed, not replaced: PostgreSQL's database class when none is named,
     * {@code public} when no schema is named, Flyway's history table excluded.
     */
    static void generate(List<String> flywayLocations, Generator generator, DatabaseChoice choice) throws Exception {
        generate(flywayLocations, generator, choice, null, w -> { }, i -> { });
    }

    /**
     * As {@link #generate(List, Generator, DatabaseChoice)}, and with {@code relations} given (not null) also the
     * relations graph class of the schema's foreign keys ({@link RelationsJavaGenerator}); its warnings go to
     * {@code warnings}, its timing to {@code info}.
     */
    static void generate(List<String> flywayLocations, Generator generator, DatabaseChoice choice,
            RelationsConfiguration relations, Consumer<String> warnings, Consumer<String> info) throws Exception {
        String userGenerator = generator == null ? null : generator.getName();
        if (relations != null) {
            if (userGenerator != null && !userGenerator.isBlank() && !JAVA_GENERATORS.contains(userGenerator.trim())) {
                throw new IllegalArgumentException("<relations> writes its class from jOOQ's JavaGenerator, but "
                        + "<generator><name>" + userGenerator + "</name> is configured; remove <name> (or name "
                        + JavaGenerator.class.getName() + "), or remove <relations>.");
            }
            generator.setName(RelationsJavaGenerator.class.getName());
            RelationsJavaGenerator.REQUEST.set(new RelationsJavaGenerator.Request(relations, warnings, info));
        }
        try {
            run(flywayLocations, generator, choice);
        } finally {
            if (relations != null) {
                RelationsJavaGenerator.REQUEST.remove();
                generator.setName(userGenerator);
            }
        }
    }

    private static void run(List<String> flywayLocations, Generator generator, DatabaseChoice choice) throws Exception {
        Generator completed = completed(generator);
        Path directory = Path.of(completed.getTarget().getDirectory());
        try (PostgresServer server = PostgresServer.start(choice)) {
            String database = "codegen_" + Long.toHexString(System.nanoTime());
            server.createDatabase(database, null);
            Exception failure = null;
            try {
                DataSource dataSource = server.dataSource(database);
                FlywayMigrations.migrate(dataSource, flywayLocations.toArray(String[]::new));
                for (String schema : inputSchemata(completed.getDatabase())) {
                    requireTables(dataSource, schema, flywayLocations);
                }
                GenerationTool.generate(new Configuration()
                        .withLogging(Logging.WARN)
                        .withJdbc(new Jdbc()
                                .withDriver("org.postgresql.Driver")
                                .withUrl(server.jdbcUrl(database))
                                .withUser(server.user())
                                .withPassword(server.password()))
                        .withGenerator(completed));
            } catch (Exception e) {
                failure = e;
                throw e;
            } finally {
                dropKeepingTheFirstFailure(server, database, failure);
            }
        }
        requireGeneratedTables(directory, completed.getDatabase(), flywayLocations);
    }

    /** Drops the throwaway database; a failure to do so never hides the failure that ended the run. */
    private static void dropKeepingTheFirstFailure(PostgresServer server, String database, Exception failure) {
        try {
            server.dropDatabase(database);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** The user's generator with what every run needs filled in; the user's own values are kept. */
    static Generator completed(Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException("No <generator> configured: give the plugin jOOQ's <generator> "
                    + "(at least <target><packageName>); it accepts what jooq-codegen-maven's <generator> accepts.");
        }
        Database database = generator.getDatabase() == null ? new Database() : generator.getDatabase();
        if (database.getName() == null || database.getName().isBlank()) {
            database.setName("org.jooq.meta.postgres.PostgresDatabase");
        }
        if (inputSchemata(database).isEmpty()) {
            // jOOQ's own default is every schema, pg_catalog and information_schema included: never what a project means
            database.setInputSchema("public");
        }
        String excludes = database.getExcludes();
        database.setExcludes(excludes == null || excludes.isBlank() ? FLYWAY_HISTORY : excludes + "|" + FLYWAY_HISTORY);
        generator.setDatabase(database);
        if (generator.getTarget() == null) {
            generator.setTarget(new Target());
        }
        return generator;
    }

    /** The schemas the user named, as {@code <inputSchema>} or {@code <schemata>}; empty means "all of them". */
    static List<String> inputSchemata(Database database) {
        List<String> schemata = new ArrayList<>();
        if (database.getInputSchema() != null && !database.getInputSchema().isBlank()) {
            schemata.add(database.getInputSchema());
        }
        for (SchemaMappingType mapping : database.getSchemata()) {
            if (mapping.getInputSchema() != null && !mapping.getInputSchema().isBlank()) {
                schemata.add(mapping.getInputSchema());
            }
        }
        return schemata;
    }

    /** jOOQ generates nothing, silently, for a schema that does not exist or has no tables: say so instead. */
    private static void requireTables(DataSource dataSource, String schema, List<String> flywayLocations)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("select count(*) from information_schema.tables "
                        + "where table_schema = ? and table_name <> '" + FLYWAY_HISTORY + "'")) {
            count.setString(1, schema);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new IllegalStateException("Schema '" + schema + "' has no tables after the migrations in "
                            + String.join(", ", flywayLocations) + "; check <inputSchema>/<schemata> in the plugin's "
                            + "<generator><database> (names are case-sensitive) and <migrations>.");
                }
            }
        }
    }

    /** Includes, excludes or a strategy can still filter every table away: a run that generated no table is an error. */
    private static void requireGeneratedTables(Path directory, Database database, List<String> flywayLocations) {
        if (!Files.isDirectory(directory)) {
            throw noTables(directory, database, flywayLocations);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            boolean anyTable = files.filter(CodegenRun::isSource).anyMatch(CodegenRun::isTableClass);
            if (!anyTable) {
                throw noTables(directory, database, flywayLocations);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSource(Path file) {
        String name = file.toString();
        return name.endsWith(".java") || name.endsWith(".kt") || name.endsWith(".scala");
    }

    /** A generated table class, as JavaGenerator ({@code TableImpl<}), KotlinGenerator and ScalaGenerator write it. */
    private static boolean isTableClass(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("TableImpl<") || source.contains("TableImpl[");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException noTables(Path directory, Database database, List<String> flywayLocations) {
        return new IllegalStateException("jOOQ generated no table into " + directory + " from the migrations in "
                + String.join(", ", flywayLocations) + " (schemata " + inputSchemata(database) + ", includes '"
                + database.getIncludes() + "', excludes '" + database.getExcludes() + "'); check <includes>/<excludes> "
                + "and the schemata in the plugin's <generator><database>.");
    }
}

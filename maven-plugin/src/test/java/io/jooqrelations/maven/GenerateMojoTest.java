package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal as Maven runs it, fields set the way Maven sets them: bad configuration fails the build with the reason, a
 * good one generates, adds the sources and skips the next unchanged run. (consumer-it runs it inside a real build.)
 */
class GenerateMojoTest {

    @Test
    void aMissingMigrationDirectoryFailsTheBuildNamingIt(@TempDir Path project) throws Exception {
        GenerateMojo mojo = mojo(project, new Generator().withTarget(new Target().withPackageName("com.example.db")));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Migration directory " + project.resolve("src/main/resources/db/migration") + " does not "
                        + "exist; put the Flyway scripts there or list their directories in "
                        + "<migrations><migration>...</migration></migrations>.");
    }

    @Test
    void aSchemaWithoutTablesIsABuildFailureWithTheReasonNotAnError(@TempDir Path project) throws Exception {
        Path migrations = sampleMigrations(project);
        GenerateMojo mojo = mojo(project, new Generator().withDatabase(new Database().withInputSchema("Sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(mojo, "migrations", List.of(migrations.toFile()));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Schema 'Sales' has no tables after the migrations in filesystem:" + migrations);
        assertThat(project.resolve("target/jooq-relations-maven-plugin/default.sha256")).doesNotExist();
    }

    @Test
    void generatesIntoTheDefaultDirectoryAddsItToTheSourcesAndSkipsAnUnchangedRun(@TempDir Path project) throws Exception {
        Path migrations = sampleMigrations(project);
        GenerateMojo first = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(first, "migrations", List.of(new File("migrations")));   // relative to the project, like Maven's

        first.execute();

        Path generated = project.resolve("target/generated-sources/jooq");
        assertThat(generated.resolve("com/example/db/tables/Orders.java")).isRegularFile();
        MavenProject maven = (MavenProject) get(first, "project");
        assertThat(maven.getCompileSourceRoots()).contains(generated.toString());

        // unchanged: no server is started, the classes stay (a file deleted by hand stays deleted: only an empty or
        // missing directory counts as "no output"); a changed migration runs codegen again
        Files.delete(generated.resolve("com/example/db/tables/Orders.java"));
        GenerateMojo second = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(second, "migrations", List.of(new File("migrations")));
        second.execute();
        assertThat(generated.resolve("com/example/db/tables/Orders.java")).doesNotExist();

        Files.writeString(migrations.resolve("V2__more.sql"), "create table sales.notes (id bigint primary key);");
        GenerateMojo third = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(third, "migrations", List.of(new File("migrations")));
        third.execute();
        assertThat(generated.resolve("com/example/db/tables/Orders.java")).isRegularFile();
        assertThat(generated.resolve("com/example/db/tables/Notes.java")).isRegularFile();

        // output gone (e.g. deleted by hand, or an IDE's clean): regenerated although nothing else changed
        try (var files = Files.walk(generated)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        GenerateMojo fourth = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(fourth, "migrations", List.of(new File("migrations")));
        fourth.execute();
        assertThat(generated.resolve("com/example/db/tables/Notes.java")).isRegularFile();
    }

    @Test
    void aJdbcUrlGeneratesOnThatServerAndLeavesNoDatabaseBehind(@TempDir Path project) throws Exception {
        Path migrations = sampleMigrations(project);
        try (io.jooqrelations.db.PostgresServer existing =
                io.jooqrelations.db.PostgresServer.start(io.jooqrelations.db.DatabaseChoice.embedded())) {
            GenerateMojo mojo = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                    .withTarget(new Target().withPackageName("com.example.db")));
            set(mojo, "migrations", List.of(migrations.toFile()));
            set(mojo, "database", existing.jdbcUrl("postgres"));
            set(mojo, "user", existing.user());
            set(mojo, "password", existing.password());

            mojo.execute();

            assertThat(project.resolve("target/generated-sources/jooq/com/example/db/tables/Orders.java")).isRegularFile();
            try (var connection = existing.dataSource("postgres").getConnection();
                    var rs = connection.createStatement().executeQuery(
                            "select count(*) from pg_database where datname like 'codegen_%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("throwaway codegen databases left on the server").isZero();
            }
        }
    }

    @Test
    void aBrokenMigrationScriptIsABuildFailureNamingTheScript(@TempDir Path project) throws Exception {
        Path migrations = sampleMigrations(project);
        Files.writeString(migrations.resolve("V2__broken.sql"), "create tabel sales.notes (id bigint);");
        GenerateMojo mojo = mojo(project, new Generator().withDatabase(new Database().withInputSchema("sales"))
                .withTarget(new Target().withPackageName("com.example.db")));
        set(mojo, "migrations", List.of(migrations.toFile()));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("V2__broken.sql").hasMessageContaining("tabel");
    }

    @Test
    void skippedItStillCompilesCommittedClasses(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/jooq/com/example/db"));
        GenerateMojo mojo = mojo(project, new Generator().withTarget(new Target().withPackageName("com.example.db")
                .withDirectory("src/main/jooq")));
        set(mojo, "skip", true);

        mojo.execute();

        assertThat(((MavenProject) get(mojo, "project")).getCompileSourceRoots())
                .contains(project.resolve("src/main/jooq").toString());
    }

    @Test
    void anUnknownDatabaseChoiceFailsTheBuildListingTheChoices(@TempDir Path project) throws Exception {
        sampleMigrations(project);
        GenerateMojo mojo = mojo(project, new Generator().withTarget(new Target().withPackageName("com.example.db")));
        set(mojo, "migrations", List.of(new File("migrations")));
        set(mojo, "database", "postgres-please");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Unknown database choice relations.db='postgres-please'. Use 'embedded' (default), "
                        + "'system', 'testcontainers', or a JDBC URL such as jdbc:postgresql://localhost:5432/postgres");
    }

    private static Path sampleMigrations(Path project) throws Exception {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__sales.sql"),
                "create schema sales; create table sales.orders (id bigint primary key, note text);");
        return migrations;
    }

    static GenerateMojo mojo(Path basedir, Generator generator) throws Exception {
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(basedir.resolve("target").toString());
        GenerateMojo mojo = new GenerateMojo();
        set(mojo, "project", project);
        set(mojo, "executionId", "default");
        set(mojo, "generator", generator);
        set(mojo, "database", "embedded");
        return mojo;
    }

    static void set(Object target, String name, Object value) throws Exception {
        Field field = GenerateMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    static Object get(Object target, String name) throws Exception {
        Field field = GenerateMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}

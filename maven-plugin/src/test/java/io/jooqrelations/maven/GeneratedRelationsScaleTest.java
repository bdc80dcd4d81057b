package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.relations.Relations;
import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.maven.monitor.logging.DefaultLog;
import org.codehaus.plexus.logging.console.ConsoleLogger;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic schema of 300 tables and 500 foreign keys (seeded, 20 of them pure junctions) through the goal itself:
 * the generation time is printed, the output compiles and builds its graph, and an unchanged schema regenerates nothing.
 */
class GeneratedRelationsScaleTest {

    private static final int TABLES = 300;
    private static final int JUNCTIONS = 20;
    private static final int FOREIGN_KEYS = 500;

    @Test
    void threeHundredTablesAndFiveHundredKeysGenerateCompileAndAnUnchangedSchemaRegeneratesNothing(@TempDir Path project)
            throws Exception {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__synthetic.sql"), syntheticSchema(new Random(27)));
        Path file = project.resolve("target/generated-sources/jooq/com/example/big/GeneratedRelations.java");

        long start = System.nanoTime();
        mojo(project).execute();
        long first = (System.nanoTime() - start) / 1_000_000;

        String source = Files.readString(file);
        System.out.println("Codegen with relations of " + TABLES + " tables / " + FOREIGN_KEYS + " foreign keys: " + first
                + " ms in all (server, migration, jOOQ, relations); the relations part is the 'Generated ... relations' "
                + "line above");
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        mojo(project).execute();
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("an unchanged schema rewrites nothing").isZero();
        assertThat(Files.readString(file)).isEqualTo(source);

        try (URLClassLoader loader = CompiledSources.compile(project.resolve("target/generated-sources/jooq"),
                project.resolve("classes"))) {
            long loadStart = System.nanoTime();
            Relations graph = CompiledSources.staticField(loader, "com.example.big.GeneratedRelations", "RELATIONS");
            System.out.println("Building the generated graph when the class loads: "
                    + (System.nanoTime() - loadStart) / 1_000_000 + " ms");
            // a one and a many per key, and two throughs per junction
            assertThat(graph.allRelations()).hasSize(2 * FOREIGN_KEYS + 2 * JUNCTIONS);
            assertThat(graph.coverage().isComplete()).as(graph.coverage().toString()).isTrue();
        }
    }

    private static GenerateMojo mojo(Path project) throws Exception {
        GenerateMojo mojo = GenerateMojoTest.mojo(project, new Generator()
                .withDatabase(new Database().withInputSchema("big"))
                .withGenerate(new Generate().withPojos(false).withImplicitJoinPathsToOne(false)
                        .withImplicitJoinPathsToMany(false).withGlobalKeyReferences(false))
                .withTarget(new Target().withPackageName("com.example.big")));
        GenerateMojoTest.set(mojo, "migrations", List.of(new File("migrations")));
        GenerateMojoTest.set(mojo, "relations", new RelationsConfiguration());
        mojo.setLog(new DefaultLog(new ConsoleLogger(org.codehaus.plexus.logging.Logger.LEVEL_INFO, "test")));
        return mojo;
    }

    /** t001..t280 with random keys between them (self-references and repeated pairs included), j281..j300 junctions. */
    static String syntheticSchema(Random random) {
        StringBuilder sql = new StringBuilder("create schema big;\n");
        List<StringBuilder> columns = new ArrayList<>();
        int entities = TABLES - JUNCTIONS;
        for (int t = 1; t <= entities; t++) {
            columns.add(new StringBuilder("id bigint primary key, name text"));
        }
        int keys = 0;
        List<String> constraints = new ArrayList<>();
        while (keys < FOREIGN_KEYS - 2 * JUNCTIONS) {
            int child = random.nextInt(entities) + 1;
            int parent = random.nextInt(entities) + 1;
            String column = String.format("t%03d_%d_id", parent, keys);
            columns.get(child - 1).append(", ").append(column).append(" bigint");
            constraints.add(String.format("alter table big.t%03d add foreign key (%s) references big.t%03d (id);",
                    child, column, parent));
            keys++;
        }
        for (int t = 1; t <= entities; t++) {
            sql.append(String.format("create table big.t%03d (%s);\n", t, columns.get(t - 1)));
        }
        for (int j = entities + 1; j <= TABLES; j++) {
            int a = random.nextInt(entities) + 1;
            int b = random.nextInt(entities) + 1;
            sql.append(String.format("create table big.j%03d (a_id bigint not null references big.t%03d (id), "
                    + "b_id bigint not null references big.t%03d (id), created_at timestamptz not null default now(), "
                    + "primary key (a_id, b_id));\n", j, a, b));
        }
        constraints.forEach(c -> sql.append(c).append('\n'));
        return sql.toString();
    }
}

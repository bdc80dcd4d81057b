package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.relations.Relations;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every guard of the relations generator, with its message: what went wrong, where, and how to fix it. */
class GeneratedRelationsGuardsTest {

    private static final List<String> LOCATIONS = List.of("classpath:relations-guards");

    private static Generator generator(Path out) {
        return new Generator().withDatabase(new Database().withInputSchema("public"))
                .withTarget(new Target().withPackageName("com.example.guards").withDirectory(out.toString()));
    }

    @Test
    void aNameTakenByAColumnGetsASuffixAndAWarningNamingTheOverride_andAKeyToAnUngeneratedSchemaIsSkippedWithAWarning(
            @TempDir Path work) throws Exception {
        Path out = work.resolve("src");
        List<String> warnings = new ArrayList<>();

        CodegenRun.generate(LOCATIONS, generator(out), DatabaseChoice.embedded(), new RelationsConfiguration(),
                warnings::add, i -> { });

        assertThat(warnings).containsExactly(
                "Foreign key projects_country_code_fkey of public.projects references ext.countries, which jOOQ did not "
                        + "generate (outside the <schemata> or filtered by <includes>/<excludes>): no relation is generated "
                        + "for it. Generate ext.countries too, or silence this with <relations><excludeForeignKeys>"
                        + "projects_country_code_fkey</excludeForeignKeys>.",
                "Relation projects.owner2 (foreign key projects_owner_id_fkey: projects(owner_id) -> users(id)) has a "
                        + "suffixed name: owner collides with column projects.owner. Give it a name of your own with "
                        + "<relations><renames><property><name>projects.owner2</name><value>...</value></property>"
                        + "</renames>, or leave its foreign key out with <excludeForeignKeys>.");
        try (URLClassLoader loader = CompiledSources.compile(out, work.resolve("classes"))) {
            Relations graph = CompiledSources.staticField(loader, "com.example.guards.GeneratedRelations", "RELATIONS");
            assertThat(GeneratedRelationsTest.signatures(graph)).containsOnlyKeys("projects.owner2", "projects.tasks",
                    "tasks.project", "users.projects");
        }
    }

    @Test
    void theWarnedAboutNamesAreSilencedByARenameAndAnExclusion(@TempDir Path work) throws Exception {
        List<String> warnings = new ArrayList<>();

        CodegenRun.generate(LOCATIONS, generator(work), DatabaseChoice.embedded(), new RelationsConfiguration()
                .rename("projects.owner2", "ownerUser").setExcludeForeignKeys("projects_country_code_fkey"),
                warnings::add, i -> { });

        assertThat(warnings).isEmpty();
        assertThat(Files.readString(work.resolve("com/example/guards/GeneratedRelations.java")))
                .contains("OWNER_USER =").contains("\"ownerUser\"").doesNotContain("owner2");
    }

    @Test
    void aRenameOfAnUnknownRelationIsAnErrorListingTheTablesRelations(@TempDir Path work) {
        RelationsConfiguration config = new RelationsConfiguration().rename("projects.ownr", "owner");

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator(work), DatabaseChoice.embedded(), config,
                w -> { }, i -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<relations><renames> names the relation 'projects.ownr', which was not generated; projects "
                        + "has owner2, tasks (names as generated, before renames).");
    }

    @Test
    void aRenameOfAnUnknownTableIsAnErrorListingTheTables(@TempDir Path work) {
        RelationsConfiguration config = new RelationsConfiguration().rename("project.tasks", "jobs");

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator(work), DatabaseChoice.embedded(), config,
                w -> { }, i -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<relations><renames> names the relation 'project.tasks', which was not generated; there is "
                        + "no table 'project' with relations; write <table>.<relation> with the table as messages name it "
                        + "(schema-qualified outside public), one of projects, tasks, users (names as generated, before "
                        + "renames).");
    }

    @Test
    void aRenameOntoAnotherRelationsNameIsADuplicateDeclarationNamingBoth(@TempDir Path work) {
        RelationsConfiguration config = new RelationsConfiguration().rename("projects.owner2", "tasks");

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator(work), DatabaseChoice.embedded(), config,
                w -> { }, i -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate relation projects.tasks: declared by the rename of projects.owner2 and by the "
                        + "generated relation projects.tasks (foreign key tasks_project_id_fkey: tasks(project_id) -> "
                        + "projects(id)); rename one of them to a free name in <relations><renames>.");
    }

    @Test
    void aRenameOntoAColumnIsAnError(@TempDir Path work) {
        RelationsConfiguration config = new RelationsConfiguration().rename("users.projects", "email");

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator(work), DatabaseChoice.embedded(), config,
                w -> { }, i -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<relations><renames> renames users.projects to 'email', which collides with column "
                        + "users.email; choose another name.");
    }

    @Test
    void aGeneratorOtherThanJooqsJavaGeneratorIsRefusedNamingIt(@TempDir Path work) {
        Generator generator = generator(work).withName("org.jooq.codegen.KotlinGenerator");

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator, DatabaseChoice.embedded(),
                new RelationsConfiguration(), w -> { }, i -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<relations> writes its class from jOOQ's JavaGenerator, but <generator><name>"
                        + "org.jooq.codegen.KotlinGenerator</name> is configured; remove <name> (or name "
                        + "org.jooq.codegen.JavaGenerator), or remove <relations>.");
    }
}

package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.db.DatabaseChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codegen run on a schema of its own: the user's jOOQ options apply, and generating nothing is an error. */
class CodegenRunTest {

    private static final List<String> LOCATIONS = List.of("classpath:codegen-sample");

    @Test
    void twoSchemasWithTheSameTableNameAreGeneratedWithTheUsersOwnJooqOptions(@TempDir Path out) throws Exception {
        Generator generator = new Generator()
                .withDatabase(new Database()
                        .withSchemata(new SchemaMappingType().withInputSchema("sales"),
                                new SchemaMappingType().withInputSchema("billing"))
                        // a user option passed through untouched: timestamptz read as Instant
                        .withForcedTypes(new ForcedType().withUserType("java.time.Instant")
                                .withConverter("org.jooq.Converter.ofNullable(java.time.OffsetDateTime.class, "
                                        + "java.time.Instant.class, java.time.OffsetDateTime::toInstant, "
                                        + "i -> i.atOffset(java.time.ZoneOffset.UTC))")
                                .withIncludeExpression("sales\\.orders\\.placed_at")))
                .withGenerate(new Generate().withImplicitJoinPathsToOne(false).withImplicitJoinPathsToMany(false))
                .withTarget(new Target().withPackageName("com.example.gen").withDirectory(out.toString()));

        CodegenRun.generate(LOCATIONS, generator, DatabaseChoice.embedded());

        assertThat(Files.readString(out.resolve("com/example/gen/sales/Sales.java"))).contains("\"sales\"");
        assertThat(Files.readString(out.resolve("com/example/gen/sales/tables/Orders.java")))
                .contains("TableField<OrdersRecord, Instant> PLACED_AT");
        assertThat(Files.readString(out.resolve("com/example/gen/billing/tables/Orders.java")))
                .contains("SALES_ORDER_ID");
        // Flyway's history table is never generated, in whatever schema it lives
        try (var files = Files.walk(out)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.contains("FlywaySchemaHistory"));
        }
    }

    @Test
    void aSchemaWithoutTablesStopsTheBuildInsteadOfGeneratingNothing(@TempDir Path out) {
        // names are case-sensitive: "Sales" is not the schema the migration created, nor is public (it has no tables)
        for (String schema : List.of("Sales", "public")) {
            Generator generator = new Generator().withDatabase(new Database().withInputSchema(schema))
                    .withTarget(new Target().withPackageName("com.example.gen").withDirectory(out.toString()));
            assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator, DatabaseChoice.embedded()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Schema '" + schema + "' has no tables after the migrations in classpath:codegen-sample; "
                            + "check <inputSchema>/<schemata> in the plugin's <generator><database> (names are "
                            + "case-sensitive) and <migrations>.");
        }
    }

    @Test
    void includesThatFilterEveryTableAwayAreAnErrorNotAGreenBuild(@TempDir Path out) {
        Generator generator = new Generator()
                .withDatabase(new Database().withInputSchema("sales").withIncludes("invoices"))
                .withTarget(new Target().withPackageName("com.example.gen").withDirectory(out.toString()));

        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator, DatabaseChoice.embedded()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("jOOQ generated no table into " + out + " from the migrations in classpath:codegen-sample "
                        + "(schemata [sales], includes 'invoices', excludes 'flyway_schema_history'); check "
                        + "<includes>/<excludes> and the schemata in the plugin's <generator><database>.");
    }

    @Test
    void withNoSchemaNamedOnlyPublicIsGeneratedNotTheSystemCatalogs(@TempDir Path out) {
        Generator generator = new Generator()
                .withTarget(new Target().withPackageName("com.example.gen").withDirectory(out.toString()));

        // the sample has nothing in public: the run stops there instead of generating pg_catalog and the rest
        assertThatThrownBy(() -> CodegenRun.generate(LOCATIONS, generator, DatabaseChoice.embedded()))
                .hasMessageStartingWith("Schema 'public' has no tables after the migrations");
        assertThat(out.resolve("com/example/gen/pg_catalog")).doesNotExist();
    }
}

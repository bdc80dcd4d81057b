package io.jooqrelations.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codegen step on a schema of its own: generated under its name, and a schema without tables is an error. */
class JooqCodegenTest {

    private static final String LOCATION = "classpath:codegen-sample";

    @Test
    void aListedSchemaIsGeneratedUnderItsOwnName(@TempDir Path out) throws Exception {
        JooqCodegen.generate(LOCATION, out, "com.example.gen", List.of("sales"), DatabaseChoice.embedded());
        // one schema: jOOQ puts it in the package itself (several get a subpackage each, as schema-sql's crm and auth)
        assertThat(Files.readString(out.resolve("com/example/gen/Sales.java"))).contains("\"sales\"");
        assertThat(Files.readString(out.resolve("com/example/gen/tables/Orders.java"))).contains("\"note\"");
    }

    @Test
    void aSchemaWithoutTablesStopsTheBuildInsteadOfGeneratingNothing(@TempDir Path out) {
        // names are case-sensitive: "Sales" is not the schema the migration created, nor is public (it has no tables)
        for (String schema : List.of("Sales", "public")) {
            assertThatThrownBy(() -> JooqCodegen.generate(LOCATION, out, "com.example.gen", List.of(schema),
                    DatabaseChoice.embedded()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Schema '" + schema + "' has no tables after the migrations in " + LOCATION + "; check the "
                            + "schema names passed to JooqCodegen (case matters) and the migration location.");
        }
        assertThatThrownBy(() -> JooqCodegen.generate(LOCATION, out, "com.example.gen", DatabaseChoice.embedded()))
                .hasMessageStartingWith("Schema 'public' has no tables");
    }
}

package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock {@code jooq-codegen-maven} snippet of docs/setup.md works as written: its {@code <configuration>} is a
 * jOOQ codegen configuration, run here through jOOQ's {@link GenerationTool} (what that plugin runs) against a
 * database migrated with the sample's Flyway scripts.
 */
class StockCodegenTest {

    @Test
    void theDocumentedStockPluginConfigurationGeneratesBothSchemas(@TempDir Path out) throws Exception {
        String snippet = new String(StockCodegenTest.class.getResourceAsStream("/stock-codegen/jooq-codegen-maven.xml")
                .readAllBytes(), StandardCharsets.UTF_8);
        String configuration = snippet.substring(snippet.indexOf("<configuration>"),
                snippet.indexOf("</configuration>") + "</configuration>".length());

        try (PostgresServer server = PostgresServer.start(DatabaseChoice.embedded())) {
            String database = "stock_" + Long.toHexString(System.nanoTime());
            server.createDatabase(database, null);
            FlywayMigrations.migrate(server.dataSource(database), "classpath:codegen-sample");
            String xml = configuration
                    .replace("${db.url}", server.jdbcUrl(database))
                    .replace("${db.user}", server.user())
                    .replace("${db.password}", server.password())
                    .replace("target/generated-sources/jooq", out.toString());
            Configuration parsed = GenerationTool.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            GenerationTool.generate(parsed);
            server.dropDatabase(database);
        }

        assertThat(out.resolve("com/example/db/sales/tables/Orders.java")).isRegularFile();
        assertThat(Files.readString(out.resolve("com/example/db/billing/tables/Orders.java"))).contains("SALES_ORDER_ID");
        try (var files = Files.walk(out)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.contains("FlywaySchemaHistory"));
        }
    }
}

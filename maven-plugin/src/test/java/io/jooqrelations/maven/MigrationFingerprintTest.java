package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental check: the same migrations and configuration give the same fingerprint, any change another. */
class MigrationFingerprintTest {

    @Test
    void changesWhenAMigrationOrTheConfigurationChangesAndOnlyThen(@TempDir Path migrations) throws Exception {
        Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int primary key);");
        String config = new Generator().withDatabase(new Database().withInputSchema("public")).toString();
        String first = MigrationFingerprint.of(List.of(migrations), config, "3.19");

        assertThat(MigrationFingerprint.of(List.of(migrations), config, "3.19")).isEqualTo(first);

        Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id bigint primary key);");
        String edited = MigrationFingerprint.of(List.of(migrations), config, "3.19");
        assertThat(edited).isNotEqualTo(first);

        Files.writeString(migrations.resolve("V2__b.sql"), "create table b (id int primary key);");
        String added = MigrationFingerprint.of(List.of(migrations), config, "3.19");
        assertThat(added).isNotEqualTo(edited);

        String otherSchema = new Generator().withDatabase(new Database().withInputSchema("crm")).toString();
        assertThat(otherSchema).contains("crm");   // jOOQ writes the configuration out as XML
        assertThat(MigrationFingerprint.of(List.of(migrations), otherSchema, "3.19")).isNotEqualTo(added);
        assertThat(MigrationFingerprint.of(List.of(migrations), config, "3.21")).isNotEqualTo(added);
    }
}

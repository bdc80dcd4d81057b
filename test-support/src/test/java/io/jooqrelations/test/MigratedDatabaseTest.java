package io.jooqrelations.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension on a project of its own: scripts at a location of their own (nothing at Flyway's default one on this
 * module's class path), a database per class, statements counted.
 */
class MigratedDatabaseTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase("classpath:own-migrations");

    @Test
    void aLocationOtherThanFlywaysDefaultIsMigratedAndCounted() {
        DB.counter().reset();
        DB.dsl().insertInto(DSL.table("notes"), DSL.field("body")).values("first").execute();

        assertThat(DB.dsl().fetchCount(DSL.table("notes"))).isEqualTo(1);
        assertThat(DB.counter().statements()).hasSize(2).first().asString().startsWith("insert into notes");
    }

    @Test
    void everyCallerGetsItsOwnCopyOfTheTemplate() {
        SharedPostgres shared = SharedPostgres.instance();
        String first = shared.newMigratedDatabase("classpath:own-migrations");
        String second = shared.newMigratedDatabase("classpath:own-migrations");
        try {
            assertThat(first).isNotEqualTo(second).isNotEqualTo(DB.databaseName());
            assertThat(DSL.using(shared.server().dataSource(first), org.jooq.SQLDialect.POSTGRES)
                    .fetchCount(DSL.table("notes"))).isZero();
        } finally {
            shared.server().dropDatabase(first);
            shared.server().dropDatabase(second);
        }
    }
}

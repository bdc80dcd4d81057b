package io.jooqrelations.schema;

import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatementCounterTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    @Test
    void countsEveryStatementSentThroughTheContextAndForgetsOnReset() {
        DB.counter().reset();
        DB.dsl().insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).values("Acme", "acme").execute();
        DB.dsl().selectFrom(ORGANIZATIONS).fetch();
        DB.dsl().selectCount().from(ORGANIZATIONS).fetchOne();

        assertThat(DB.counter().count()).isEqualTo(3);
        assertThat(DB.counter().statements().get(1)).startsWith("select").contains("\"organizations\"");

        DB.counter().reset();
        assertThat(DB.counter().count()).isZero();
    }

    @Test
    void eachTestClassStartsFromAnEmptyMigratedDatabase() {
        assertThat(DB.dsl().fetchCount(Tables.INVOICES)).isZero();
        assertThat(DB.databaseName()).startsWith("rel_");
    }
}

package com.example.shop;

import static com.example.shop.db.shop.Tables.ACCOUNTS;
import static com.example.shop.db.shop.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.NestedReads;
import io.jooqrelations.test.SharedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The consumer's own test: generated classes from its migrations, a nested read through the starter's bean. */
// tag::spring-test[]
@SpringBootTest
class ShopReadsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SharedPostgres shared = SharedPostgres.instance();        // embedded PostgreSQL, this project's migrations
        String database = shared.newMigratedDatabase();
        registry.add("spring.datasource.url", () -> shared.server().jdbcUrl(database));
        registry.add("spring.datasource.username", shared.server()::user);
        registry.add("spring.datasource.password", shared.server()::password);
    }

    @Autowired
    DSLContext dsl;

    @Autowired
    NestedReads reads;
    // end::spring-test[]

    @Test
    void theEmbeddedDatabaseIsTheDocumentedPostgreSql18() {
        assertThat(dsl.fetchValue(org.jooq.impl.DSL.field("version()", String.class))).startsWith("PostgreSQL 18.");
    }

    @Test
    void anAccountWithItsOwnerFromTheOtherSchemaAndItsOrdersInOneRead() {
        long owner = dsl.insertInto(com.example.shop.db.auth.Tables.ACCOUNTS,
                com.example.shop.db.auth.Tables.ACCOUNTS.LOGIN).values("ada").returning().fetchOne().getId();
        long account = dsl.insertInto(ACCOUNTS, ACCOUNTS.NAME, ACCOUNTS.OWNER_ID).values("Ada's shop", owner)
                .returning().fetchOne().getId();
        dsl.insertInto(ORDERS, ORDERS.ACCOUNT_ID, ORDERS.NUMBER).values(account, "O-2").values(account, "O-1").execute();

        String json = reads.from(ACCOUNTS).where(ACCOUNTS.ID.eq(account)).columns(ACCOUNTS.NAME)
                .with("owner", o -> o.columns(com.example.shop.db.auth.Tables.ACCOUNTS.LOGIN))
                .with("orders", o -> o.columns(ORDERS.NUMBER).orderBy(ORDERS.NUMBER))
                .findFirstJson().orElseThrow();

        assertThat(json.replace(" ", "")).isEqualTo(
                "{\"name\":\"Ada'sshop\",\"owner\":{\"login\":\"ada\"},\"orders\":[{\"number\":\"O-1\"},{\"number\":\"O-2\"}]}");
    }
}

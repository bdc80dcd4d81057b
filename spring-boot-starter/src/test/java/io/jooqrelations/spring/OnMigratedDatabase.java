package io.jooqrelations.spring;

import static io.jooqrelations.schema.Tables.ORGANIZATIONS;

import io.jooqrelations.query.NestedReads;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the starter's database-backed tests share: {@code spring.datasource.*} pointed at a fresh migrated database of
 * the shared embedded PostgreSQL, Spring Boot's {@code DSLContext}, the starter's {@code NestedReads}.
 */
abstract class OnMigratedDatabase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestApplication.database(registry);
    }

    @Autowired
    DSLContext dsl;

    @Autowired
    NestedReads reads;

    /** Inserts an organization and returns its id. */
    long organization(String name, String slug) {
        return dsl.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).values(name, slug)
                .returning(ORGANIZATIONS.ID).fetchOne().getId();
    }
}

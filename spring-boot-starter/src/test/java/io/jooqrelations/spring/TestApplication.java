package io.jooqrelations.spring;

import io.jooqrelations.relations.Relations;
import io.jooqrelations.example.AppRelations;
import io.jooqrelations.test.SharedPostgres;
import io.jooqrelations.test.StatementCounter;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The application the starter's tests boot: the example graph as its Relations bean, statements counted. */
@SpringBootApplication
class TestApplication {

    @Bean
    Relations relations() {
        return AppRelations.RELATIONS;
    }

    @Bean
    StatementCounter statementCounter() {
        return new StatementCounter();
    }

    /** Spring Boot's jOOQ auto-configuration attaches every ExecuteListenerProvider bean to its DSLContext. */
    @Bean
    DefaultExecuteListenerProvider countingListener(StatementCounter counter) {
        return new DefaultExecuteListenerProvider(counter);
    }

    /** Points spring.datasource.* at a fresh migrated database on the shared embedded PostgreSQL. */
    static void database(DynamicPropertyRegistry registry) {
        SharedPostgres shared = SharedPostgres.instance();
        String database = shared.newMigratedDatabase();
        registry.add("spring.datasource.url", () -> shared.server().jdbcUrl(database));
        registry.add("spring.datasource.username", shared.server()::user);
        registry.add("spring.datasource.password", shared.server()::password);
    }
}

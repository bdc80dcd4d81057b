package com.example.shop;

import static com.example.shop.db.shop.Tables.ACCOUNTS;
import static com.example.shop.db.shop.Tables.ORDERS;
import static io.jooqrelations.relations.Link.from;

import io.jooqrelations.relations.Relations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

// tag::spring-application[]
@SpringBootApplication
public class ShopApplication {

    /** shop.accounts has its orders and its owner, an auth.accounts row. */
    public static final Relations RELATIONS = Relations.define(r -> {
        r.table(ACCOUNTS)
                .one("owner", com.example.shop.db.auth.Tables.ACCOUNTS,
                        from(ACCOUNTS.OWNER_ID).to(com.example.shop.db.auth.Tables.ACCOUNTS.ID))
                .many("orders", ORDERS, from(ACCOUNTS.ID).to(ORDERS.ACCOUNT_ID));
        r.table(ORDERS).one("account", ACCOUNTS, from(ORDERS.ACCOUNT_ID).to(ACCOUNTS.ID));
    });

    /** All the starter needs besides Spring Boot's DSLContext: the graph as a bean. */
    @Bean
    Relations relations() {
        return RELATIONS;
    }
    // end::spring-application[]

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}

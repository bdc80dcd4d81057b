package io.jooqrelations.query;

import static io.jooqrelations.realworld.auth.Tables.FOLLOWS;
import static io.jooqrelations.realworld.crm.Tables.CUSTOMERS;
import static io.jooqrelations.realworld.crm.Tables.ORDERS;
import static io.jooqrelations.realworld.crm.Tables.ORDER_LINES;
import static io.jooqrelations.realworld.crm.Tables.TENANTS;
import static io.jooqrelations.realworld.crm.Tables.TREE;
import static io.jooqrelations.relations.Link.from;

import io.jooqrelations.realworld.auth.Auth;
import io.jooqrelations.realworld.crm.Crm;
import io.jooqrelations.relations.Relations;
import java.util.List;

/**
 * The graph over the generated real-world schema ({@code schema-sql}'s {@code db/realworld} migrations): two schemas
 * that share the table name {@code accounts}, keyword and quoted identifiers, a composite foreign key, a foreign key to
 * a UNIQUE non-key column, two foreign keys between one pair of tables, a many-to-many self-reference and a table
 * named {@code tree}. Every foreign key is covered; {@code crm.people} has none and stays outside the graph.
 */
final class RealWorldGraph {

    /** Flyway location of the schema, for {@code new MigratedDatabase(LOCATION)}. */
    static final String LOCATION = "classpath:db/realworld";

    static final io.jooqrelations.realworld.crm.tables.Accounts CRM_ACCOUNTS = io.jooqrelations.realworld.crm.Tables.ACCOUNTS;
    static final io.jooqrelations.realworld.auth.tables.Accounts AUTH_ACCOUNTS =
            io.jooqrelations.realworld.auth.Tables.ACCOUNTS;

    static final Relations RELATIONS = define();

    /** The graph, defined anew: a graph object of its own (e.g. for a first read of it in a JVM). */
    static Relations define() {
        return Relations.define(List.of(Crm.CRM, Auth.AUTH), r -> {
            r.table(TENANTS)
                    .many("crmAccounts", CRM_ACCOUNTS)
                    .many("authAccounts", AUTH_ACCOUNTS)
                    .many("customers", CUSTOMERS);
            r.table(CRM_ACCOUNTS)
                    .one("tenant", TENANTS, from(CRM_ACCOUNTS.TENANT_ID).to(TENANTS.ID).optional(false))
                    .many("logins", AUTH_ACCOUNTS);
            r.table(AUTH_ACCOUNTS)
                    .one("tenant", TENANTS, from(AUTH_ACCOUNTS.TENANT_ID).to(TENANTS.ID).optional(false))
                    .one("account", CRM_ACCOUNTS, from(AUTH_ACCOUNTS.CRM_ACCOUNT_ID).to(CRM_ACCOUNTS.ID))
                    .many("following", AUTH_ACCOUNTS,
                            from(AUTH_ACCOUNTS.ID).through(FOLLOWS.FOLLOWER_ID).to(AUTH_ACCOUNTS.ID).through(FOLLOWS.FOLLOWED_ID))
                    .many("followers", AUTH_ACCOUNTS,
                            from(AUTH_ACCOUNTS.ID).through(FOLLOWS.FOLLOWED_ID).to(AUTH_ACCOUNTS.ID).through(FOLLOWS.FOLLOWER_ID))
                    .many("follows", FOLLOWS, from(AUTH_ACCOUNTS.ID).to(FOLLOWS.FOLLOWER_ID))
                    .many("ownedCustomers", CUSTOMERS, from(AUTH_ACCOUNTS.LOGIN).to(CUSTOMERS.OWNER_LOGIN))
                    .many("managedCustomers", CUSTOMERS, from(AUTH_ACCOUNTS.ID).to(CUSTOMERS.MANAGER_ID));
            r.table(FOLLOWS)
                    .one("follower", AUTH_ACCOUNTS, from(FOLLOWS.FOLLOWER_ID).to(AUTH_ACCOUNTS.ID).optional(false))
                    .one("followed", AUTH_ACCOUNTS, from(FOLLOWS.FOLLOWED_ID).to(AUTH_ACCOUNTS.ID).optional(false));
            r.table(CUSTOMERS)
                    .one("tenant", TENANTS, from(CUSTOMERS.TENANT_ID).to(TENANTS.ID).optional(false))
                    .one("owner", AUTH_ACCOUNTS, from(CUSTOMERS.OWNER_LOGIN).to(AUTH_ACCOUNTS.LOGIN))
                    .one("manager", AUTH_ACCOUNTS, from(CUSTOMERS.MANAGER_ID).to(AUTH_ACCOUNTS.ID))
                    .many("orders", ORDERS);
            r.table(ORDERS)
                    .one("customer", CUSTOMERS, from(ORDERS.CUSTOMER_ID).to(CUSTOMERS.ID).optional(false))
                    .many("lines", ORDER_LINES);
            r.table(ORDER_LINES)
                    .one("order", ORDERS, from(ORDER_LINES.CUSTOMER_ID, ORDER_LINES.ORDER_NO)
                            .to(ORDERS.CUSTOMER_ID, ORDERS.ORDER).optional(false));
            r.table(TREE)
                    .one("parent", TREE, from(TREE.PARENT_ID).to(TREE.ID))
                    .many("children", TREE);
        });
    }

    private RealWorldGraph() {
    }
}

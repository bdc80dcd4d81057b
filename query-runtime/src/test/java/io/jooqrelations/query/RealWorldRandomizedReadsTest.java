package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.RealWorldGraph.AUTH_ACCOUNTS;
import static io.jooqrelations.query.RealWorldGraph.CRM_ACCOUNTS;
import static io.jooqrelations.query.RealWorldGraph.RELATIONS;
import static io.jooqrelations.realworld.auth.Tables.FOLLOWS;
import static io.jooqrelations.realworld.crm.Tables.CUSTOMERS;
import static io.jooqrelations.realworld.crm.Tables.ORDERS;
import static io.jooqrelations.realworld.crm.Tables.ORDER_LINES;
import static io.jooqrelations.realworld.crm.Tables.TENANTS;
import static io.jooqrelations.realworld.crm.Tables.TREE;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.realworld.crm.enums.CustomerStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differential test ({@link DifferentialReads}) over the generated real-world schema ({@link RealWorldGraph}):
 * uuid keys, {@code crm.accounts} next to {@code auth.accounts}, keyword and quoted columns, a composite foreign key,
 * a foreign key to a UNIQUE column, a many-to-many self-reference and a table named {@code tree} whose columns are
 * named like the library's internal aliases.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "the real-world schema's migrations (several schemas, quoted identifiers) exist for PostgreSQL only")
class RealWorldRandomizedReadsTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase(RealWorldGraph.LOCATION);

    static DifferentialReads differential;

    @org.junit.jupiter.api.BeforeAll
    static void load() {
        generateData(DB.dsl(), new Random(DifferentialReads.SEED));
        differential = new DifferentialReads("RealWorldRandomizedReadsTest", DB, RELATIONS, List.of(TENANTS, CRM_ACCOUNTS,
                AUTH_ACCOUNTS, AUTH_ACCOUNTS, FOLLOWS, CUSTOMERS, CUSTOMERS, ORDERS, ORDER_LINES, TREE));
    }

    @Test
    void randomReadsMatchTheReferenceLoader() {
        differential.run();
    }

    /** The library's JSON decoder of nested rows reads what jOOQ reads (forced types included, where the schema has them). */
    @Test
    void randomReadsDecodeTheirNestedRowsAsJooqReadsThem() {
        differential.compareDecoders();
    }

    /**
     * Tenants (one without anything), accounts in both schemas (some logins without a crm account), follows between
     * logins (self-follows included), customers owned by a login's UNIQUE name and managed by a login's id, orders
     * keyed by (customer, "order") with their lines, and a forest in {@code crm.tree}.
     */
    static void generateData(DSLContext dsl, Random random) {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = uuid(random);
            // blanks around some names and emails: their forced types (Trimmed) read them without, on every level
            String name = pick(random, RandomizedReadsTest.TEXTS);
            dsl.insertInto(TENANTS, TENANTS.ID, TENANTS.NAME).values(id, i % 2 == 0 ? " " + name + "  " : name).execute();
            tenants.add(id);
        }
        List<UUID> activeTenants = tenants.subList(0, tenants.size() - 1);
        List<UUID> crmAccounts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID id = uuid(random);
            dsl.insertInto(CRM_ACCOUNTS, CRM_ACCOUNTS.ID, CRM_ACCOUNTS.TENANT_ID, CRM_ACCOUNTS.EMAIL, CRM_ACCOUNTS.FULLNAME)
                    .values(id, pick(random, activeTenants), (i % 3 == 0 ? "  crm" : "crm") + i + "@example.com",
                            random.nextInt(4) == 0 ? null : pick(random, RandomizedReadsTest.TEXTS))
                    .execute();
            crmAccounts.add(id);
        }
        List<String> logins = new ArrayList<>();
        for (long id = 1; id <= 9; id++) {
            String login = id == 3 ? "o'neil \"quoted\"" : "login-" + id;
            dsl.insertInto(AUTH_ACCOUNTS, AUTH_ACCOUNTS.ID, AUTH_ACCOUNTS.TENANT_ID, AUTH_ACCOUNTS.LOGIN,
                            AUTH_ACCOUNTS.CRM_ACCOUNT_ID, AUTH_ACCOUNTS.USER, AUTH_ACCOUNTS.ORDER)
                    .values(id, pick(random, activeTenants), login, random.nextInt(3) == 0 ? null : pick(random, crmAccounts),
                            random.nextInt(3) == 0 ? null : pick(random, RandomizedReadsTest.TEXTS),
                            random.nextInt(3) == 0 ? null : random.nextInt(4))
                    .execute();
            logins.add(login);
        }
        for (long follower = 1; follower <= 9; follower++) {
            for (long followed = 1; followed <= 9; followed++) {
                if (random.nextInt(100) < 22) {
                    dsl.insertInto(FOLLOWS, FOLLOWS.FOLLOWER_ID, FOLLOWS.FOLLOWED_ID, FOLLOWS.SINCE)
                            .values(follower, followed, pick(random, RandomizedReadsTest.DATES)).execute();
                }
            }
        }
        for (int c = 0; c < 9; c++) {
            UUID customer = uuid(random);
            dsl.insertInto(CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.TENANT_ID, CUSTOMERS.FULLNAME, CUSTOMERS.STAGE,
                            CUSTOMERS.OWNER_LOGIN, CUSTOMERS.MANAGER_ID)
                    .values(customer, pick(random, activeTenants), pick(random, RandomizedReadsTest.TEXTS),
                            random.nextInt(4) == 0 ? null : pick(random, CustomerStage.values()),
                            random.nextInt(3) == 0 ? null : pick(random, logins),
                            random.nextInt(3) == 0 ? null : 1L + random.nextInt(9))
                    .execute();
            int orders = random.nextInt(4);
            for (int o = 1; o <= orders; o++) {
                dsl.insertInto(ORDERS, ORDERS.CUSTOMER_ID, ORDERS.ORDER, ORDERS.PLACED_ON, ORDERS.TOTAL)
                        .values(customer, o, pick(random, RandomizedReadsTest.DATES),
                                random.nextInt(4) == 0 ? null : pick(random, RandomizedReadsTest.MONEY))
                        .execute();
                int lines = random.nextInt(4);
                for (int l = 1; l <= lines; l++) {
                    dsl.insertInto(ORDER_LINES, ORDER_LINES.CUSTOMER_ID, ORDER_LINES.ORDER_NO, ORDER_LINES.LINE_NO,
                                    ORDER_LINES.USER, ORDER_LINES.AMOUNT)
                            .values(customer, o, l, random.nextBoolean() ? null : pick(random, RandomizedReadsTest.TEXTS),
                                    pick(random, RandomizedReadsTest.MONEY))
                            .execute();
                }
            }
        }
        for (long id = 1; id <= 14; id++) {
            Long parent = id <= 3 ? null : 1L + random.nextInt((int) id - 1);
            dsl.insertInto(TREE, TREE.ID, TREE.PARENT_ID, TREE.C0, TREE.C1, TREE.TREE_DEPTH, TREE.TREE_PATH,
                            TREE.TREE_CYCLE, TREE.RN, TREE.J)
                    .values(id, parent, "c0-" + random.nextInt(3), random.nextBoolean() ? null : "c1",
                            random.nextInt(5), "/" + id, random.nextBoolean(), random.nextInt(3),
                            pick(random, RandomizedReadsTest.TEXTS))
                    .execute();
        }
    }

    private static UUID uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

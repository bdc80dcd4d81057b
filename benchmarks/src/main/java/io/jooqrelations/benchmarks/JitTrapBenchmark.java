package io.jooqrelations.benchmarks;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.ScratchDatabase;
import io.jooqrelations.demo.DemoSeed;
import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.JitGuard;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Read;
import io.jooqrelations.realworld.crm.Crm;
import io.jooqrelations.realworld.auth.Auth;
import io.jooqrelations.relations.Link;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.schema.DefaultSchema;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PostgreSQL's JIT trap (issue 26), on a server with a JIT — run it with {@code -Drelations.db=system} (Debian's
 * packaged server; the embedded one has no LLVM, and every form then takes the same time): deep reads of freshly
 * migrated tables that were never analyzed, at the server's default settings ({@code jit = on}). Each invocation reads
 * the same tree in every form, interleaved, and adds its time to the form's counter:
 * <ul>
 *   <li>{@code guarded}: the library as it comes ({@link JitGuard#AUTO}: the check finds the trap, reads run with
 *       {@code jit} off for the read);</li>
 *   <li>{@code unguarded}: the library with {@link JitGuard#OFF} — what it did before;</li>
 *   <li>{@code jitOffSession}: {@link JitGuard#OFF} on a connection whose session has {@code jit = off} — the fix a
 *       user must know about ({@code alter role ... set jit = off}), the target's baseline;</li>
 *   <li>{@code handWritten} (example scenario): the same JSON written by hand with lateral {@code json_agg} joins, the
 *       report's (c), on the server's default settings.</li>
 * </ul>
 * Scenarios: {@code example}, the example graph's 4-level read {@code organizations → invoices → (tags → invoices,
 * comments → author)} over the demo's data (5 organizations, 60 invoices); {@code crm}, a 7-level read over the
 * two-schema real-world schema ({@code tenants → customers → owner → following → ownedCustomers → orders → lines}), ≤ 12
 * rows per table. Autovacuum is turned off for the fixture's tables so that they stay never-analyzed through the run,
 * as they are in the minute after a migration.
 *
 * <pre>{@code
 * java -Drelations.db=system -jar benchmarks/target/benchmarks.jar JitTrap
 * java -jar benchmarks/target/benchmarks.jar JitTrap -p guard=ALWAYS     # the guard's own cost, embedded server
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class JitTrapBenchmark {

    /** Nanoseconds spent in each form and the number of rounds, per iteration (JMH reports the sums). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FormTimes {

        public long guardedJsonNanos;
        public long guardedTypedNanos;
        public long unguardedJsonNanos;
        public long unguardedTypedNanos;
        public long jitOffSessionJsonNanos;
        public long jitOffSessionTypedNanos;
        public long handWrittenJsonNanos;
        public long rounds;

        @Setup(Level.Iteration)
        public void clear() {
            guardedJsonNanos = 0;
            guardedTypedNanos = 0;
            unguardedJsonNanos = 0;
            unguardedTypedNanos = 0;
            jitOffSessionJsonNanos = 0;
            jitOffSessionTypedNanos = 0;
            handWrittenJsonNanos = 0;
            rounds = 0;
        }
    }

    @Param({"example", "crm"})
    public String scenario;

    /**
     * The guard of the {@code guarded} form: {@code AUTO} (the default); {@code ALWAYS} measures what the guard itself
     * costs where there is no trap — on the embedded server (no JIT) or after {@code analyze} — against the
     * {@code jitOffSession} form, which has no guard.
     */
    @Param("AUTO")
    public JitGuard guard;

    private ScratchDatabase database;
    /** One connection per form: pgjdbc prepares a statement on the server after five runs, and a generic plan the
     * guarded form built with {@code jit} off would serve the unguarded form's runs of the same SQL on the same one. */
    private Connection guardedConnection;
    private Connection defaults;
    private Connection jitOff;
    private NestedReads guarded;
    private NestedReads unguarded;
    private NestedReads jitOffSession;
    private Function<NestedReads, Read<?>> read;
    private String handWritten;

    @Setup(Level.Trial)
    public void start() throws Exception {
        PrintStream progress = System.out;
        boolean example = scenario.equals("example");
        database = ScratchDatabase.start(DialectChoice.POSTGRES, "jit_trap_" + scenario,
                example ? FlywayMigrations.DEFAULT_LOCATION : "classpath:db/realworld");
        guardedConnection = database.dataSource().getConnection();
        defaults = database.dataSource().getConnection();
        jitOff = database.dataSource().getConnection();
        DSLContext dsl = DSL.using(defaults, SQLDialect.POSTGRES);
        if (example) {
            DemoSeed.load(dsl, progress);
        } else {
            seedCrm(dsl);
        }
        for (String table : dsl.fetch("select oid::regclass::text from pg_class where relkind = 'r' and "
                + "relnamespace::regnamespace::text in ('public', 'crm', 'auth')").getValues(0, String.class)) {
            dsl.execute("alter table " + table + " set (autovacuum_enabled = false)");
        }
        progress.println("JIT available: " + dsl.fetchValue("select pg_jit_available()") + ", jit = "
                + dsl.fetchValue("show jit") + ", never-analyzed tables: "
                + dsl.fetchValue("select count(*) from pg_class where relkind = 'r' and reltuples < 0 and "
                + "relnamespace::regnamespace::text in ('public', 'crm', 'auth')"));
        try (java.sql.Statement session = jitOff.createStatement()) {
            session.execute("set jit = off");
        }
        Relations graph = example ? Relations.define(DefaultSchema.DEFAULT_SCHEMA, AppRelations::declare) : crmGraph();
        guarded = NestedReads.using(DSL.using(guardedConnection, SQLDialect.POSTGRES), graph).withJitGuard(guard);
        unguarded = NestedReads.using(dsl, graph).withJitGuard(JitGuard.OFF);
        jitOffSession = NestedReads.using(DSL.using(jitOff, SQLDialect.POSTGRES), graph).withJitGuard(JitGuard.OFF);
        read = example ? JitTrapBenchmark::fourLevels : JitTrapBenchmark::sevenLevels;
        handWritten = example ? FOUR_LEVELS_BY_HAND : null;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        guardedConnection.close();
        defaults.close();
        jitOff.close();
        database.close();
    }

    /**
     * One round: every form once, starting each round with the next form (a read right after a compiled one runs on
     * colder caches; the rotation spreads that over all forms).
     */
    @Benchmark
    public void round(FormTimes times, Blackhole bh) {
        int forms = handWritten == null ? 6 : 7;
        for (int i = 0; i < forms; i++) {
            int form = (int) ((times.rounds + i) % forms);
            long start = System.nanoTime();
            switch (form) {
                case 0 -> bh.consume(read.apply(guarded).findManyJson());
                case 1 -> bh.consume(read.apply(guarded).findMany());
                case 2 -> bh.consume(read.apply(jitOffSession).findManyJson());
                case 3 -> bh.consume(read.apply(jitOffSession).findMany());
                case 4 -> bh.consume(read.apply(unguarded).findManyJson());
                case 5 -> bh.consume(read.apply(unguarded).findMany());
                default -> bh.consume(DSL.using(defaults, SQLDialect.POSTGRES).fetchValue(handWritten));
            }
            long nanos = System.nanoTime() - start;
            switch (form) {
                case 0 -> times.guardedJsonNanos += nanos;
                case 1 -> times.guardedTypedNanos += nanos;
                case 2 -> times.jitOffSessionJsonNanos += nanos;
                case 3 -> times.jitOffSessionTypedNanos += nanos;
                case 4 -> times.unguardedJsonNanos += nanos;
                case 5 -> times.unguardedTypedNanos += nanos;
                default -> times.handWrittenJsonNanos += nanos;
            }
        }
        times.rounds++;
    }

    /** The example graph's 4-level read, with the columns {@link #FOUR_LEVELS_BY_HAND} writes. */
    static Read<?> fourLevels(NestedReads reads) {
        return reads.from(ORGANIZATIONS).columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME).orderBy(ORGANIZATIONS.ID)
                .with("invoices", i -> i.columns(INVOICES.ID, INVOICES.NUMBER).orderBy(INVOICES.ID)
                        .with("tags", t -> t.columns(TAGS.ID, TAGS.NAME)
                                .with("invoices", ti -> ti.columns(INVOICES.ID, INVOICES.NUMBER)))
                        .with("comments", c -> c.columns(COMMENTS.ID, COMMENTS.BODY)
                                .with("author", a -> a.columns(USERS.ID, USERS.DISPLAY_NAME))));
    }

    /** {@link #fourLevels} written by hand: a lateral join with {@code json_agg} per relation. */
    static final String FOUR_LEVELS_BY_HAND = """
            select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'invoices', i.invoices) order by o.id), '[]')
            from organizations o
            left join lateral (
              select coalesce(json_agg(json_build_object('id', inv.id, 'number', inv.number, 'tags', t.tags,
                       'comments', c.comments) order by inv.id), '[]') as invoices
              from invoices inv
              left join lateral (
                select coalesce(json_agg(json_build_object('id', tg.id, 'name', tg.name, 'invoices', ti.invoices)), '[]') as tags
                from invoice_tags it
                join tags tg on tg.id = it.tag_id
                left join lateral (
                  select coalesce(json_agg(json_build_object('id', i2.id, 'number', i2.number)), '[]') as invoices
                  from invoice_tags it2 join invoices i2 on i2.id = it2.invoice_id
                  where it2.tag_id = tg.id
                ) ti on true
                where it.invoice_id = inv.id
              ) t on true
              left join lateral (
                select coalesce(json_agg(json_build_object('id', cm.id, 'body', cm.body, 'author',
                         case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end)), '[]') as comments
                from comments cm left join users u on u.id = cm.author_id
                where cm.invoice_id = inv.id
              ) c on true
              where inv.organization_id = o.id
            ) i on true""";

    // ------------------------------------------------------------------------------------------------ the crm scenario

    private static final io.jooqrelations.realworld.crm.tables.Tenants TENANTS = io.jooqrelations.realworld.crm.Tables.TENANTS;
    private static final io.jooqrelations.realworld.crm.tables.Customers CUSTOMERS = io.jooqrelations.realworld.crm.Tables.CUSTOMERS;
    private static final io.jooqrelations.realworld.crm.tables.Orders ORDERS = io.jooqrelations.realworld.crm.Tables.ORDERS;
    private static final io.jooqrelations.realworld.crm.tables.OrderLines LINES = io.jooqrelations.realworld.crm.Tables.ORDER_LINES;
    private static final io.jooqrelations.realworld.auth.tables.Accounts LOGINS = io.jooqrelations.realworld.auth.Tables.ACCOUNTS;
    private static final io.jooqrelations.realworld.auth.tables.Follows FOLLOWS = io.jooqrelations.realworld.auth.Tables.FOLLOWS;

    /** The relations the 7-level read walks (as the test suite's real-world graph declares them). */
    static Relations crmGraph() {
        return Relations.define(List.of(Crm.CRM, Auth.AUTH), r -> {
            r.table(TENANTS).many("customers", CUSTOMERS, Link.from(TENANTS.ID).to(CUSTOMERS.TENANT_ID));
            r.table(LOGINS)
                    .many("following", LOGINS, Link.from(LOGINS.ID).through(FOLLOWS.FOLLOWER_ID).to(LOGINS.ID)
                            .through(FOLLOWS.FOLLOWED_ID))
                    .many("ownedCustomers", CUSTOMERS, Link.from(LOGINS.LOGIN).to(CUSTOMERS.OWNER_LOGIN));
            r.table(CUSTOMERS)
                    .one("owner", LOGINS, Link.from(CUSTOMERS.OWNER_LOGIN).to(LOGINS.LOGIN))
                    .many("orders", ORDERS, Link.from(CUSTOMERS.ID).to(ORDERS.CUSTOMER_ID));
            r.table(ORDERS).many("lines", LINES,
                    Link.from(ORDERS.CUSTOMER_ID, ORDERS.ORDER).to(LINES.CUSTOMER_ID, LINES.ORDER_NO));
        });
    }

    /** tenants → customers → owner → following → ownedCustomers → orders → lines. */
    static Read<?> sevenLevels(NestedReads reads) {
        return reads.from(TENANTS).orderBy(TENANTS.ID).with("customers", c -> c
                .with("owner", o -> o
                        .with("following", f -> f
                                .with("ownedCustomers", oc -> oc
                                        .with("orders", or -> or
                                                .with("lines"))))));
    }

    /** Two tenants, six logins following each other, customers owned by them, orders with lines: ≤ 12 rows a table. */
    static void seedCrm(DSLContext dsl) {
        UUID[] tenants = {new UUID(0, 1), new UUID(0, 2)};
        for (UUID tenant : tenants) {
            dsl.insertInto(TENANTS).set(TENANTS.ID, tenant).set(TENANTS.NAME, "tenant " + tenant.getLeastSignificantBits())
                    .execute();
        }
        for (long login = 1; login <= 6; login++) {
            dsl.insertInto(LOGINS).set(LOGINS.ID, login).set(LOGINS.TENANT_ID, tenants[(int) (login % 2)])
                    .set(LOGINS.LOGIN, "login" + login).execute();
        }
        for (long follower = 1; follower <= 6; follower++) {
            dsl.insertInto(FOLLOWS).set(FOLLOWS.FOLLOWER_ID, follower).set(FOLLOWS.FOLLOWED_ID, follower % 6 + 1)
                    .set(FOLLOWS.SINCE, java.time.LocalDate.of(2026, 1, (int) follower)).execute();
        }
        for (int customer = 1; customer <= 6; customer++) {
            UUID id = new UUID(1, customer);
            dsl.insertInto(CUSTOMERS).set(CUSTOMERS.ID, id).set(CUSTOMERS.TENANT_ID, tenants[customer % 2])
                    .set(CUSTOMERS.FULLNAME, "customer " + customer).set(CUSTOMERS.OWNER_LOGIN, "login" + customer)
                    .execute();
            for (int order = 1; order <= 2; order++) {
                dsl.insertInto(ORDERS).set(ORDERS.CUSTOMER_ID, id).set(ORDERS.ORDER, order)
                        .set(ORDERS.PLACED_ON, java.time.LocalDate.of(2026, order, customer)).execute();
                dsl.insertInto(LINES).set(LINES.CUSTOMER_ID, id).set(LINES.ORDER_NO, order).set(LINES.LINE_NO, 1)
                        .set(LINES.AMOUNT, java.math.BigDecimal.TEN).execute();
            }
        }
    }
}

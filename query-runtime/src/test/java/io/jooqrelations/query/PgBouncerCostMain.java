package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.TAGS;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.PgBouncer;
import io.jooqrelations.db.PostgresServer;
import io.jooqrelations.test.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What {@code prepareThreshold=0} costs (docs/scale-out.md, "Connection poolers"), measured by hand, not by a test: the
 * invoice detail read ({@code findFirst} with line items, tags and three to-ones, the example data) and a 23-invoice
 * {@code findMany}, one thread, on one connection each: directly with pgjdbc's default (named server statements from
 * the fifth run on), directly with {@code prepareThreshold=0}, and through PgBouncer (transaction pooling) with
 * {@code prepareThreshold=0}. Prints microseconds per read, the median of five rounds.
 *
 * <pre>{@code
 * ./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
 *     -pl query-runtime -am -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp query-runtime/target/test-classes:query-runtime/target/classes:$(cat /tmp/cp) \
 *     io.jooqrelations.query.PgBouncerCostMain          # -Drelations.db=system for Debian's server
 * }</pre>
 */
public final class PgBouncerCostMain {

    private static final int WARM_UP = 3_000;
    private static final int RUNS = 3_000;
    private static final int ROUNDS = 5;

    private PgBouncerCostMain() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = SharedPostgres.instance().server();
        String database = SharedPostgres.instance().newMigratedDatabase();
        try (Connection loader = server.dataSource(database).getConnection()) {
            DSLContext dsl = DSL.using(loader, SQLDialect.POSTGRES, DialectChoice.POSTGRES.settings());
            ExampleData.load(dsl);
            dsl.execute("insert into invoices (organization_id, number, total, issued_on) "
                    + "select 1 + g % 2, 'P-' || g, g, date '2026-03-01' + g % 4 from generate_series(1, 20) g");
            dsl.execute("analyze");
        }
        try (PgBouncer bouncer = PgBouncer.start(server, 4)) {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("direct, pgjdbc default (prepareThreshold=5)", server.jdbcUrl(database));
            urls.put("direct, prepareThreshold=0", server.jdbcUrl(database) + separator(server.jdbcUrl(database))
                    + "prepareThreshold=0");
            urls.put("PgBouncer, prepareThreshold=0", bouncer.jdbcUrl(database) + "?prepareThreshold=0");
            Map<String, ToLongFunction<NestedReads>> reads = new LinkedHashMap<>();
            reads.put("invoice detail findFirst", r -> detail(r).where(INVOICES.ID.eq(ExampleData.INV_1)).findFirst()
                    .map(n -> 1L).orElseThrow());
            reads.put("23 invoices findMany", r -> detail(r).findMany().size());
            reads.put("invoice detail findFirstJson", r -> detail(r).where(INVOICES.ID.eq(ExampleData.INV_1))
                    .findFirstJson().orElseThrow().length());
            for (Map.Entry<String, ToLongFunction<NestedReads>> read : reads.entrySet()) {
                for (Map.Entry<String, String> url : urls.entrySet()) {
                    try (Connection c = DriverManager.getConnection(url.getValue(), server.user(), server.password())) {
                        NestedReads on = NestedReads.using(DSL.using(c, SQLDialect.POSTGRES,
                                DialectChoice.POSTGRES.settings().withExecuteLogging(false)), RELATIONS);
                        System.out.printf("%-30s %-45s %8.1f us/read%n", read.getKey(), url.getKey(),
                                microsPerRead(on, read.getValue()));
                    }
                }
            }
        }
        server.dropDatabase(database);
        System.exit(0);
    }

    private static Read<?> detail(NestedReads reads) {
        return reads.from(INVOICES).orderBy(INVOICES.ID)
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))
                .with("tags", t -> t.orderBy(TAGS.NAME))
                .with("organization").with("assignee").with("creator");
    }

    private static double microsPerRead(NestedReads reads, ToLongFunction<NestedReads> read) {
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += read.applyAsLong(reads);
        }
        double[] rounds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                sink += read.applyAsLong(reads);
            }
            rounds[round] = (System.nanoTime() - started) / 1_000.0 / RUNS;
        }
        if (sink == 42) {
            System.out.print("");
        }
        java.util.Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    private static String separator(String url) {
        return url.contains("?") ? "&" : "?";
    }
}

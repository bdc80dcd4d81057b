package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.test.MigratedDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The render cache against no cache: seeded random reads, each run three ways — through the render cache (a hit
 * whenever an earlier case had its shape), rendered on its own ({@link NestedReads#withoutRenderCache()}), and
 * prepared ({@link Read#prepare()}, statement templates) — and compared value by value, as typed trees and as JSON.
 * The reads are built from what real applications do and what once fooled the cache: converters whose lambdas capture
 * per-request values (and ones holding mutable state), one {@link Param} object in two places, named parameters,
 * inline values, {@code in} lists of several lengths, plain SQL templates, {@code OTHER}-typed values, a user's
 * {@code CustomCondition}, nested levels with converters, per-transaction and derived configurations, tenants. Each
 * case draws its structure from one of {@value #SHAPES} seeds and its values (ids, rates, prices, tenants, the
 * configuration) from its own, so shapes come back with other values and the cached path is really taken (checked).
 *
 * <p>Runs {@value #DEFAULT_CASES} cases by default; more with {@code -Drendercache.cases=2000}, another seed with
 * {@code -Drendercache.seed=7}, one case of a failure report with {@code -Drendercache.only=I}.
 */
@RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL render every read: "
        + "there is no cache to compare (RenderCache)")
class RenderCacheDifferentialTest {

    static final int DEFAULT_CASES = 300;
    /** Shapes the cases are drawn from: each comes back with other values about CASES / SHAPES times. */
    private static final int SHAPES = 60;
    private static final int CASES = Integer.getInteger("rendercache.cases", DEFAULT_CASES);
    private static final long SEED = Long.getLong("rendercache.seed", 20261207L);
    private static final Integer ONLY = Integer.getInteger("rendercache.only");

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static List<Long> invoices;
    static List<Long> organizations;

    @BeforeAll
    static void load() {
        RandomizedReadsTest.generateData(DB.dsl(), new Random(SEED));
        invoices = DB.dsl().select(INVOICES.ID).from(INVOICES).orderBy(INVOICES.ID).fetch(INVOICES.ID);
        organizations = DB.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID)
                .fetch(ORGANIZATIONS.ID);
    }

    /** One random read: how to build it on some NestedReads, the values of its named parameters, and how to run it. */
    private record Case(String description, Function<NestedReads, Read<?>> build, Map<String, Object> named,
            Terminal terminal, Function<DSLContext, NestedReads> context, boolean scoped, Long tenant) {
    }

    private enum Terminal {
        MANY, FIRST, MANY_JSON, FIRST_JSON
    }

    @Test
    void randomReadsReturnTheSameRowsWithAndWithoutTheRenderCacheAndPrepared() {
        NestedReads cached = NestedReads.using(DB.dsl(), RELATIONS);
        assertThat(cached.renderCache()).isNotNull();
        long hitsBefore = cached.renderCache().hits();
        long missesBefore = cached.renderCache().misses();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < CASES; i++) {
            if (ONLY != null && ONLY != i) {
                continue;
            }
            Random values = new Random(SEED * 1_000_003L + i);
            Case c = randomCase(new Random(SEED * 31 + values.nextInt(SHAPES)), values);
            String problem;
            try {
                problem = check(c);
            } catch (RuntimeException | AssertionError e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                problem = "threw " + trace.toString().lines().limit(14).reduce((a, b) -> a + "\n    " + b).orElse("");
            }
            if (problem != null) {
                failed++;
                if (failures.size() < 5) {
                    failures.add("case " + i + " (rerun with -Drendercache.seed=" + SEED + " -Drendercache.only=" + i
                            + "): " + c.description() + "\n  " + problem);
                }
            }
        }
        long hits = cached.renderCache().hits() - hitsBefore;
        long misses = cached.renderCache().misses() - missesBefore;
        System.out.printf("RenderCacheDifferentialTest on %s: seed %d, %d cases, %d failed, %d cached reads: %d hits, "
                + "%d rendered (new shapes and uncacheable reads), %d shapes known%n",
                DialectChoice.fromEnvironment().label(), SEED, CASES, failed, hits + misses, hits, misses,
                cached.renderCache().size());
        int failedCount = failed;
        assertThat(failures).withFailMessage(() -> failedCount + " of " + CASES + " random reads differ with and "
                + "without the render cache (seed " + SEED + "); the first ones:\n\n" + String.join("\n\n", failures))
                .isEmpty();
        if (ONLY == null) {
            assertThat(hits).as("most reads should run a statement an earlier read rendered, or this proves little")
                    .isGreaterThan(CASES / 3);
        }
    }

    /** Runs the case three ways; null when all agree, else what differs. */
    private static String check(Case c) {
        Object uncached = run(c, reads -> reads.withoutRenderCache(), false);
        Object cached = run(c, reads -> reads, false);
        if (!uncached.equals(cached)) {
            return "cached:   " + cached + "\n  uncached: " + uncached;
        }
        Object cachedAgain = run(c, reads -> reads, false);
        if (!uncached.equals(cachedAgain)) {
            return "cached, second read:   " + cachedAgain + "\n  uncached: " + uncached;
        }
        Object prepared = run(c, reads -> reads.withoutRenderCache(), true);
        if (!uncached.equals(prepared)) {
            return "prepared: " + prepared + "\n  uncached: " + uncached;
        }
        return null;
    }

    /** The case's result through the NestedReads {@code way} makes of its context, normalized for comparison. */
    private static Object run(Case c, Function<NestedReads, NestedReads> way, boolean prepared) {
        return DB.dsl().transactionResult(transaction -> {
            NestedReads reads = c.context().apply(DSL.using(transaction));
            if (c.scoped()) {
                reads = reads.scopedTo(TenantScopeTest.BY_ORGANIZATION, c.tenant());
            }
            Read<?> read = c.build().apply(way.apply(reads));
            if (prepared) {
                PreparedRead<?> p = read.prepare();
                return switch (c.terminal()) {
                    case MANY -> normalize(p.findMany(c.named()));
                    case FIRST -> normalize(p.findFirst(c.named()).map(List::of).orElse(List.of()));
                    case MANY_JSON -> p.findManyJson(c.named());
                    case FIRST_JSON -> p.findFirstJson(c.named()).orElse("none");
                };
            }
            return switch (c.terminal()) {
                case MANY -> normalize(read.findMany());
                case FIRST -> normalize(read.findFirst().map(List::of).orElse(List.of()));
                case MANY_JSON -> read.findManyJson();
                case FIRST_JSON -> read.findFirstJson().orElse("none");
            };
        });
    }

    private static List<Object> normalize(List<? extends Node<?>> nodes) {
        List<Object> rows = new ArrayList<>();
        nodes.forEach(n -> rows.add(normalize(n)));
        return rows;
    }

    private static Map<String, Object> normalize(Node<?> node) {
        Map<String, Object> row = new LinkedHashMap<>(node.record().intoMap());
        node.extras().forEach((name, value) -> row.put("extra " + name, value));
        node.relations().forEach((name, value) -> row.put("relation " + name, value instanceof List<?> many
                ? normalize((List<? extends Node<?>>) many)
                : ((java.util.Optional<? extends Node<?>>) value).map(RenderCacheDifferentialTest::normalize).orElse(null)));
        return row;
    }

    // ----------------------------------------------------------------------------------------------- random reads

    /** A case: its structure from {@code shape}, its values from {@code values}. */
    private static Case randomCase(Random shape, Random values) {
        StringBuilder description = new StringBuilder();
        Map<String, Object> named = new LinkedHashMap<>();
        boolean fromInvoices = shape.nextInt(3) > 0;
        Function<NestedReads, Read<?>> build = fromInvoices ? invoiceRead(shape, values, description, named)
                : organizationRead(shape, values, description);
        Terminal terminal = Terminal.values()[shape.nextInt(Terminal.values().length)];
        int context = values.nextInt(3);
        description.append(" .").append(terminal).append(" on ")
                .append(context == 0 ? "the application's context" : context == 1 ? "a derived configuration"
                        : "the transaction's configuration");
        Function<DSLContext, NestedReads> contexts = context == 0 ? transaction -> NestedReads.using(DB.dsl(), RELATIONS)
                : context == 1 ? transaction -> NestedReads.using(DSL.using(DB.dsl().configuration().derive()), RELATIONS)
                : transaction -> NestedReads.using(transaction, RELATIONS);
        boolean scoped = shape.nextInt(4) == 0;
        Long tenant = organizations.get(values.nextInt(organizations.size()));
        if (scoped) {
            description.append(", scoped to organization ").append(tenant);
        }
        return new Case(description.toString(), build, named, terminal, contexts, scoped, tenant);
    }

    private static long someInvoice(Random random) {
        return invoices.get(random.nextInt(invoices.size()));
    }

    /** A condition on invoices.id in one of the forms that once fooled the cache, with fresh values. */
    private static List<Condition> invoiceIds(Random shape, Random random, StringBuilder description,
            Map<String, Object> named) {
        long a = someInvoice(random);
        long b = someInvoice(random);
        long low = Math.min(a, b);
        long high = Math.max(a, b) + random.nextInt(20);
        int form = shape.nextInt(11);
        description.append(" where#").append(form).append('(').append(low).append(", ").append(high).append(')');
        switch (form) {
            case 0, 1: {
                // a range, or — as code that reads one id through a range would write it — one Param object in both
                // places: the same shape either way, so each may define the statement the other runs
                if (random.nextInt(3) == 0) {
                    Param<Long> shared = DSL.val(low);
                    description.append(" shared");
                    return List.of(INVOICES.ID.ge(shared), INVOICES.ID.le(shared));
                }
                return List.of(INVOICES.ID.ge(DSL.val(low)), INVOICES.ID.le(DSL.val(high)));
            }
            case 2:
                named.put("low", low);
                named.put("high", high);
                return List.of(INVOICES.ID.between(DSL.param("low", low), DSL.param("high", high)));
            case 3:
                return List.of(INVOICES.ID.eq(DSL.inline(low)));
            case 4: {
                List<Long> ids = new ArrayList<>();
                for (int k = shape.nextInt(3); k >= 0; k--) {
                    ids.add(someInvoice(random));
                }
                return List.of(INVOICES.ID.in(ids));
            }
            case 5:
                return List.of(DSL.condition("{0} >= {1}", INVOICES.ID, DSL.val(low)),
                        DSL.condition("{0} <= ?", INVOICES.ID, high));
            case 6:
                return List.of(DSL.field(INVOICES.ID.getQualifiedName()).ge(DSL.val(low, SQLDataType.OTHER)),
                        INVOICES.ID.le(high));
            case 7:
                return List.of(new IdAtMost(high), INVOICES.ID.ge(low));
            case 8:
                return List.of(INVOICES.STATUS.eq(InvoiceStatus.values()[random.nextInt(InvoiceStatus.values().length)])
                        .or(INVOICES.ID.eq(low)));
            case 9:
                return List.of(INVOICES.ID.notIn(low, high).and(INVOICES.ID.le(high + 5)));
            default:
                return List.of();
        }
    }

    /** A user's condition, rendered by its own code. */
    private static final class IdAtMost extends org.jooq.impl.CustomCondition {
        private final long max;

        IdAtMost(long max) {
            this.max = max;
        }

        @Override
        public void accept(org.jooq.Context<?> ctx) {
            ctx.visit(INVOICES.ID.le(DSL.inline(max)));
        }
    }

    /** An extra whose decoding depends on the read: converters capturing values, mutable state, or plain SQL. */
    private static <T extends Number> Field<?> randomExtra(Random shape, Random random, Field<T> field,
            StringBuilder description) {
        long rate = 1 + random.nextInt(3);
        int form = shape.nextInt(5);
        description.append(" extra#").append(form).append('(').append(rate).append(')');
        return switch (form) {
            case 0 -> field.convertFrom(v -> v == null ? null : v.longValue() * rate);
            case 1 -> {
                AtomicLong holder = new AtomicLong(rate);
                yield field.convertFrom(v -> v == null ? null : v.longValue() * holder.get());
            }
            case 2 -> field.mul(DSL.val(rate, field.getDataType()));
            case 3 -> field.convertFrom(v -> v == null ? null : "#" + v + "/" + rate);
            default -> DSL.field("{0} + {1}", Long.class, field, DSL.val(rate));
        };
    }

    private static Function<NestedReads, Read<?>> invoiceRead(Random shape, Random random, StringBuilder description,
            Map<String, Object> named) {
        description.append("from(invoices)");
        List<Condition> where = invoiceIds(shape, random, description, named);
        Field<?> extra = shape.nextBoolean() ? randomExtra(shape, random, INVOICES.ID, description) : null;
        boolean lineItems = shape.nextBoolean();
        Field<?> itemExtra = lineItems && shape.nextBoolean()
                ? randomExtra(shape, random, INVOICE_LINE_ITEMS.POSITION, description) : null;
        BigDecimal minPrice = new BigDecimal(random.nextInt(4) * 50);
        boolean filterItems = lineItems && shape.nextBoolean();
        Integer itemLimit = lineItems && shape.nextInt(3) == 0 ? 1 + shape.nextInt(3) : null;
        boolean tags = shape.nextBoolean();
        boolean organization = shape.nextBoolean();
        String suffix = random.nextBoolean() ? "!" : "?";
        boolean organizationExtra = organization && shape.nextBoolean();
        boolean comments = shape.nextInt(3) == 0;
        description.append(lineItems ? " lineItems" + (filterItems ? ">=" + minPrice : "") + (itemLimit != null
                ? " limit " + itemLimit : "") : "").append(tags ? " tags" : "")
                .append(organization ? " organization" + (organizationExtra ? "+'" + suffix + "'" : "") : "")
                .append(comments ? " comments" : "");
        return reads -> {
            Read<?> read = reads.from(INVOICES).where(where.toArray(Condition[]::new)).orderBy(INVOICES.ID);
            if (extra != null) {
                read.extra("x", extra);
            }
            if (lineItems) {
                read.with("lineItems", li -> {
                    li.orderBy(INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.ID);
                    if (filterItems) {
                        li.where(INVOICE_LINE_ITEMS.UNIT_PRICE.ge(minPrice));
                    }
                    if (itemLimit != null) {
                        li.limit(itemLimit);
                    }
                    if (itemExtra != null) {
                        li.extra("y", itemExtra);
                    }
                });
            }
            if (tags) {
                read.with("tags", t -> t.orderBy(TAGS.ID));
            }
            if (organization) {
                read.with("organization", o -> {
                    if (organizationExtra) {
                        o.extra("label", ORGANIZATIONS.NAME.convertFrom(name -> name + suffix));
                    }
                });
            }
            if (comments) {
                read.with("comments", c -> c.orderBy(COMMENTS.ID).with("author", a -> a.columns(USERS.ID, USERS.DISPLAY_NAME)));
            }
            return read;
        };
    }

    private static Function<NestedReads, Read<?>> organizationRead(Random shape, Random random,
            StringBuilder description) {
        long org = organizations.get(random.nextInt(organizations.size()));
        InvoiceStatus status = InvoiceStatus.values()[random.nextInt(InvoiceStatus.values().length)];
        boolean byStatus = shape.nextBoolean();
        Integer limit = shape.nextBoolean() ? 1 + shape.nextInt(4) : null;
        Field<?> extra = shape.nextBoolean() ? randomExtra(shape, random, INVOICES.ID, description) : null;
        boolean items = shape.nextBoolean();
        description.append(" from(organizations) id<=").append(org).append(byStatus ? " invoices " + status : " invoices")
                .append(limit != null ? " limit " + limit : "").append(items ? " lineItems" : "");
        return reads -> reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.le(org)).orderBy(ORGANIZATIONS.ID)
                .with("invoices", i -> {
                    i.orderBy(INVOICES.ID);
                    if (byStatus) {
                        i.where(INVOICES.STATUS.eq(status));
                    }
                    if (limit != null) {
                        i.limit(limit);
                    }
                    if (extra != null) {
                        i.extra("x", extra);
                    }
                    if (items) {
                        i.with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.ID));
                    }
                });
    }
}

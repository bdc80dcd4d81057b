package io.jooqrelations.query;

import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.enums.MembershipRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differential test ({@link DifferentialReads}) over the example schema: seeded random data over the invoice
 * domain, seeded random read shapes over {@code AppRelations.RELATIONS}, each compared with the reference loader on
 * every back end.
 */
class RandomizedReadsTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    /** Text that tends to break encoders: quotes, backslashes, newlines, unicode, emoji, LIKE wildcards, JSON/XML look-alikes. */
    static final String[] TEXTS = {
        "Acme", "acme", "Globex", "Ünïcödé Ltd", "日本語の会社", "O'Brien & Sons", "say \"hi\"", "back\\slash\\",
        "line1\nline2", "tab\there", "cr\r\nlf", "🎉 party 🎉", "", " ", "  padded  ", "100% off_sale", "null",
        "{\"json\": [1, 2]}", "<xml attr='1'>&amp;</xml>", "a", "A", "b", "Zed", "é", "\u2028sep", "dup", "dup",
        "-- not a comment", "'; drop table users; --", "$1 ? :name", "ß", "Ω≈ç√", "x".repeat(300)
    };
    static final BigDecimal[] MONEY = {
        new BigDecimal("0.00"), new BigDecimal("0.01"), new BigDecimal("9999999999.99"), new BigDecimal("1250.50"),
        new BigDecimal("99.99"), new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("1.10")
    };
    static final LocalDate[] DATES = {
        LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 10), LocalDate.of(1970, 1, 1), LocalDate.of(2099, 12, 31),
        LocalDate.of(2000, 2, 29), LocalDate.of(2026, 2, 1)
    };

    static DifferentialReads differential;

    @org.junit.jupiter.api.BeforeAll
    static void load() {
        generateData(DB.dsl(), new Random(DifferentialReads.SEED));
        differential = new DifferentialReads("RandomizedReadsTest", DB, RELATIONS, List.of(ORGANIZATIONS, USERS, MEMBERSHIPS, INVOICES,
                INVOICE_LINE_ITEMS, TAGS, COMMENTS, INVOICES, COMMENTS, ORGANIZATIONS, INVOICE_TAGS));
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
     * Organizations (one with nothing at all), users (one with nothing), memberships, invoices with nullable
     * assignee/creator and 0..n line items, tags (one unused) via invoice_tags, and comment threads up to four deep;
     * text and numbers chosen to break encoders, sort keys chosen to collide.
     */
    static void generateData(DSLContext dsl, Random random) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Long> orgs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orgs.add(dsl.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG, ORGANIZATIONS.CREATED_AT)
                    .values(pick(random, TEXTS), "org-" + i, timestamp(random, base))
                    .returning(ORGANIZATIONS.ID).fetchOne().getId());
        }
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = i == 3 ? "o'neil+\"quoted\"@exämple.com" : "user" + i + "@example.com";
            users.add(dsl.insertInto(USERS, USERS.EMAIL, USERS.DISPLAY_NAME, USERS.CREATED_AT)
                    .values(email, pick(random, TEXTS), timestamp(random, base))
                    .returning(USERS.ID).fetchOne().getId());
        }
        // the last organization and the last user stay without memberships, invoices and comments
        List<Long> activeOrgs = orgs.subList(0, orgs.size() - 1);
        List<Long> activeUsers = users.subList(0, users.size() - 1);
        for (Long org : activeOrgs) {
            for (Long user : activeUsers) {
                if (random.nextInt(100) < 40) {
                    dsl.insertInto(MEMBERSHIPS, MEMBERSHIPS.ORGANIZATION_ID, MEMBERSHIPS.USER_ID, MEMBERSHIPS.ROLE,
                                    MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.UPDATED_AT)
                            .values(org, user, pick(random, MembershipRole.values()), timestamp(random, base),
                                    timestamp(random, base))
                            .execute();
                }
            }
        }
        List<Long> tags = new ArrayList<>();
        String[] tagNames = {"urgent", "q3", "Ünï-tag", "🎉", "o'clock", "a\"b\\c", "multi\nline", "unused"};
        for (String name : tagNames) {
            tags.add(dsl.insertInto(TAGS, TAGS.NAME, TAGS.COLOR)
                    .values(name, random.nextInt(3) == 0 ? null : pick(random, new String[] {"red", "grey", "red", "ß"}))
                    .returning(TAGS.ID).fetchOne().getId());
        }
        List<Long> usedTags = tags.subList(0, tags.size() - 1);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 32; i++) {
            long org = pick(random, activeOrgs);
            String number;
            do {
                number = random.nextInt(4) == 0 ? pick(random, TEXTS) : "INV-" + (1 + random.nextInt(12));
            } while (!numbers.add(org + "/" + number));
            Long assignee = random.nextInt(100) < 30 ? null : pick(random, activeUsers);
            Long creator = random.nextInt(100) < 30 ? null : pick(random, activeUsers);
            long invoice = dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID,
                            INVOICES.CREATED_BY_ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON,
                            INVOICES.DUE_ON, INVOICES.CREATED_AT)
                    .values(org, assignee, creator, number, pick(random, InvoiceStatus.values()), pick(random, MONEY),
                            pick(random, DATES), random.nextBoolean() ? null : pick(random, DATES), timestamp(random, base))
                    .returning(INVOICES.ID).fetchOne().getId();
            int items = random.nextInt(100) < 30 ? 0 : 1 + random.nextInt(4);
            List<Integer> positions = new ArrayList<>();
            for (int p = 1; p <= items; p++) {
                positions.add(p);
            }
            java.util.Collections.shuffle(positions, random);
            for (int position : positions) {
                dsl.insertInto(INVOICE_LINE_ITEMS, INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION,
                                INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                        .values(invoice, position, pick(random, TEXTS), 1 + random.nextInt(3), pick(random, MONEY))
                        .execute();
            }
            List<Long> shuffled = new ArrayList<>(usedTags);
            java.util.Collections.shuffle(shuffled, random);
            int tagCount = random.nextInt(4);
            for (int t = 0; t < tagCount; t++) {
                dsl.insertInto(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID).values(invoice, shuffled.get(t))
                        .execute();
            }
            int comments = random.nextInt(100) < 35 ? 0 : 1 + random.nextInt(6);
            List<Long> ids = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            for (int c = 0; c < comments; c++) {
                Long parent = null;
                int depth = 1;
                if (!ids.isEmpty() && random.nextInt(100) < 65) {
                    int p = random.nextInt(ids.size());
                    if (depths.get(p) < 4) {
                        parent = ids.get(p);
                        depth = depths.get(p) + 1;
                    }
                }
                ids.add(dsl.insertInto(COMMENTS, COMMENTS.INVOICE_ID, COMMENTS.PARENT_ID, COMMENTS.AUTHOR_ID,
                                COMMENTS.BODY, COMMENTS.CREATED_AT)
                        .values(invoice, parent, random.nextInt(100) < 25 ? null : pick(random, activeUsers),
                                pick(random, TEXTS), timestamp(random, base))
                        .returning(COMMENTS.ID).fetchOne().getId());
                depths.add(depth);
            }
        }
    }

    /** Few distinct timestamps (sort keys collide), with microseconds. */
    private static OffsetDateTime timestamp(Random random, Instant base) {
        return base.plusSeconds(3600L * random.nextInt(6)).plusNanos(1000L * random.nextInt(3) * 123_457)
                .atOffset(ZoneOffset.UTC);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

package io.jooqrelations.demo;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.schema.enums.InvoiceStatus;
import io.jooqrelations.schema.enums.MembershipRole;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * A deterministic, realistic data set for the demo: organizations, users in several of them, invoices with 0..n line
 * items, shared tags, assignee and creator set and unset, comment threads three deep.
 *
 * <pre>{@code
 * DemoSeed.load(dsl, System.out);
 * }</pre>
 */
public final class DemoSeed {

    static final String[] ORGS = {"Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries"};
    static final String[] PEOPLE = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov",
        "Donald Knuth", "Margaret Hamilton", "Ken Thompson", "Frances Allen", "John McCarthy", "Radia Perlman", "Niklaus Wirth"};
    static final String[] TAG_NAMES = {"urgent", "q3", "disputed", "recurring", "enterprise", "follow-up"};
    static final String[] ITEMS = {"Consulting", "Licence", "Support plan", "Training day", "Hosting", "Onboarding",
        "Custom report", "Audit"};

    private DemoSeed() {
    }

    /** Inserts the data set; ids are assigned in order from 1. */
    public static void load(DSLContext dsl, PrintStream progress) {
        Random random = new Random(20261125L);
        progress.print("Seeding demo data: organizations");
        for (String org : ORGS) {
            dsl.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                    .values(org, org.toLowerCase().replace(' ', '-')).execute();
        }
        progress.print(", users");
        for (String person : PEOPLE) {
            dsl.insertInto(USERS, USERS.EMAIL, USERS.DISPLAY_NAME)
                    .values(person.toLowerCase().replace(' ', '.') + "@example.com", person).execute();
        }
        progress.print(", memberships");
        MembershipRole[] roles = MembershipRole.values();
        for (int u = 1; u <= PEOPLE.length; u++) {
            // every user belongs to one or two organizations; a few to three
            int home = (u - 1) % ORGS.length + 1;
            dsl.insertInto(MEMBERSHIPS, MEMBERSHIPS.ORGANIZATION_ID, MEMBERSHIPS.USER_ID, MEMBERSHIPS.ROLE)
                    .values((long) home, (long) u, u <= ORGS.length ? MembershipRole.owner : roles[1 + random.nextInt(3)])
                    .execute();
            for (int extra = 0; extra < u % 3; extra++) {
                long other = (home + extra) % ORGS.length + 1;
                dsl.insertInto(MEMBERSHIPS, MEMBERSHIPS.ORGANIZATION_ID, MEMBERSHIPS.USER_ID, MEMBERSHIPS.ROLE)
                        .values(other, (long) u, roles[1 + random.nextInt(3)]).onConflictDoNothing().execute();
            }
        }
        progress.print(", tags");
        for (String tag : TAG_NAMES) {
            dsl.insertInto(TAGS, TAGS.NAME, TAGS.COLOR).values(tag, tag.equals("urgent") ? "red" : null).execute();
        }
        progress.print(", invoices");
        InvoiceStatus[] statuses = InvoiceStatus.values();
        int invoiceId = 0;
        int commentId = 0;
        for (int org = 1; org <= ORGS.length; org++) {
            List<Long> members = dsl.select(MEMBERSHIPS.USER_ID).from(MEMBERSHIPS)
                    .where(MEMBERSHIPS.ORGANIZATION_ID.eq((long) org)).orderBy(MEMBERSHIPS.USER_ID).fetch(MEMBERSHIPS.USER_ID);
            for (int n = 1; n <= 8; n++) {
                invoiceId++;
                Long assignee = random.nextInt(4) == 0 ? null : members.get(random.nextInt(members.size()));
                Long creator = random.nextInt(6) == 0 ? null : members.get(random.nextInt(members.size()));
                int items = invoiceId % 5 == 0 ? 0 : 1 + random.nextInt(4);
                BigDecimal total = BigDecimal.ZERO.setScale(2);
                List<Object[]> lines = new ArrayList<>();
                for (int p = 1; p <= items; p++) {
                    int quantity = 1 + random.nextInt(10);
                    BigDecimal price = BigDecimal.valueOf(50 + random.nextInt(2000)).add(BigDecimal.valueOf(random.nextInt(100), 2))
                            .setScale(2, RoundingMode.UNNECESSARY);
                    lines.add(new Object[] {p, ITEMS[random.nextInt(ITEMS.length)], quantity, price});
                    total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
                }
                LocalDate issued = LocalDate.of(2026, 1, 1).plusDays(org * 3L + n * 17L);
                dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID, INVOICES.CREATED_BY_ID,
                                INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON, INVOICES.DUE_ON)
                        .values((long) org, assignee, creator, String.format("%s-%03d", ORGS[org - 1].substring(0, 3).toUpperCase(), n),
                                statuses[random.nextInt(statuses.length)], total, issued, issued.plusDays(30))
                        .execute();
                for (Object[] line : lines) {
                    dsl.insertInto(INVOICE_LINE_ITEMS, INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION,
                                    INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                            .values((long) invoiceId, (Integer) line[0], (String) line[1], (Integer) line[2], (BigDecimal) line[3])
                            .execute();
                }
                for (int t = 1; t <= TAG_NAMES.length; t++) {
                    if (random.nextInt(4) == 0 || (t == 1 && invoiceId % 4 == 1)) {
                        dsl.insertInto(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID, INVOICE_TAGS.ADDED_AT)
                                .values((long) invoiceId, (long) t, issued.atTime(9, 0).atOffset(ZoneOffset.UTC).plusHours(t))
                                .execute();
                    }
                }
                if (n <= 3) {
                    commentId = thread(dsl, random, invoiceId, commentId, members);
                }
            }
            progress.print(".");
        }
        progress.println(" done (" + invoiceId + " invoices, " + commentId + " comments).");
    }

    /** A thread: a root comment, replies to it, and replies to the first reply (three levels). */
    private static int thread(DSLContext dsl, Random random, long invoiceId, int lastId, List<Long> authors) {
        String[] lines = {"Can we split this into two payments?", "Yes, 50% now and 50% on delivery.",
            "Works for us, thanks!", "Please attach the PO number.", "Done, see the updated PDF."};
        int root = comment(dsl, invoiceId, null, authors.get(random.nextInt(authors.size())), lines[0], lastId);
        int reply = comment(dsl, invoiceId, (long) root, authors.get(random.nextInt(authors.size())), lines[1], root);
        int deep = comment(dsl, invoiceId, (long) reply, authors.get(random.nextInt(authors.size())), lines[2], reply);
        return comment(dsl, invoiceId, (long) root, null, lines[3 + random.nextInt(2)], deep);
    }

    private static int comment(DSLContext dsl, long invoiceId, Long parent, Long author, String body, int lastId) {
        dsl.insertInto(COMMENTS, COMMENTS.INVOICE_ID, COMMENTS.PARENT_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
                .values(invoiceId, parent, author, body).execute();
        return lastId + 1;
    }
}

package io.jooqrelations.query;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jooq.DSLContext;

/**
 * A small, hand-checked data set: two organizations, three users, three invoices (one with no line items, one with
 * no assignee), tags shared across invoices, and a comment thread three levels deep. Ids are fixed by insertion order.
 */
final class ExampleData {

    static final long ACME = 1;
    static final long GLOBEX = 2;
    static final long ADA = 1;
    static final long BOB = 2;
    static final long CY = 3;
    /** Acme's invoice with three line items, tags urgent + q3, assignee Ada, creator Bob, a comment thread. */
    static final long INV_1 = 1;
    /** Acme's invoice with no line items, tag q3, no assignee. */
    static final long INV_2 = 2;
    /** Globex's invoice with one line item, tag urgent, assignee Cy. */
    static final long INV_3 = 3;

    private ExampleData() {
    }

    static void load(DSLContext dsl) {
        dsl.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .values("Acme", "acme").values("Globex", "globex").execute();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.DISPLAY_NAME)
                .values("ada@example.com", "Ada").values("bob@example.com", "Bob").values("cy@example.com", "Cy").execute();
        dsl.insertInto(MEMBERSHIPS, MEMBERSHIPS.ORGANIZATION_ID, MEMBERSHIPS.USER_ID, MEMBERSHIPS.ROLE)
                .values(ACME, ADA, MembershipRole.owner).values(ACME, BOB, MembershipRole.member)
                .values(GLOBEX, CY, MembershipRole.admin).values(GLOBEX, ADA, MembershipRole.viewer).execute();
        dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID, INVOICES.CREATED_BY_ID, INVOICES.NUMBER,
                        INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                .values(ACME, ADA, BOB, "A-001", InvoiceStatus.open, new BigDecimal("1250.50"), LocalDate.of(2026, 1, 10))
                .values(ACME, null, ADA, "A-002", InvoiceStatus.draft, BigDecimal.ZERO.setScale(2), LocalDate.of(2026, 2, 1))
                .values(GLOBEX, CY, CY, "G-001", InvoiceStatus.paid, new BigDecimal("99.99"), LocalDate.of(2026, 1, 20))
                .execute();
        dsl.insertInto(INVOICE_LINE_ITEMS, INVOICE_LINE_ITEMS.INVOICE_ID, INVOICE_LINE_ITEMS.POSITION,
                        INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY, INVOICE_LINE_ITEMS.UNIT_PRICE)
                .values(INV_1, 2, "Support", 5, new BigDecimal("150.00"))
                .values(INV_1, 1, "Licence", 1, new BigDecimal("400.50"))
                .values(INV_1, 3, "Training", 1, new BigDecimal("100.00"))
                .values(INV_3, 1, "Widget", 1, new BigDecimal("99.99"))
                .execute();
        dsl.insertInto(TAGS, TAGS.NAME, TAGS.COLOR).values("urgent", "red").values("q3", null).values("unused", "grey")
                .execute();
        dsl.insertInto(INVOICE_TAGS, INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID)
                .values(INV_1, 1L).values(INV_1, 2L).values(INV_2, 2L).values(INV_3, 1L).execute();
        dsl.insertInto(COMMENTS, COMMENTS.INVOICE_ID, COMMENTS.PARENT_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
                .values(INV_1, null, ADA, "Can we split this?")          // 1
                .values(INV_1, 1L, BOB, "Yes, in two.")                   // 2
                .values(INV_1, 2L, ADA, "Thanks!")                        // 3
                .values(INV_1, 1L, CY, "Me too")                          // 4
                .values(INV_3, null, CY, "Paid.")                         // 5
                .execute();
    }
}

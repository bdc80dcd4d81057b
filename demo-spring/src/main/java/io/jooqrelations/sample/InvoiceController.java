package io.jooqrelations.sample;

import static io.jooqrelations.example.AppRelations.ASSIGNEE;
import static io.jooqrelations.example.AppRelations.AUTHOR;
import static io.jooqrelations.example.AppRelations.COMMENTS_OF_INVOICE;
import static io.jooqrelations.example.AppRelations.INVOICES_OF_ORG;
import static io.jooqrelations.example.AppRelations.LINE_ITEMS;
import static io.jooqrelations.example.AppRelations.MEMBERS;
import static io.jooqrelations.example.AppRelations.MEMBER_USER;
import static io.jooqrelations.example.AppRelations.ORGANIZATION;
import static io.jooqrelations.example.AppRelations.REPLIES;
import static io.jooqrelations.example.AppRelations.TAGS_OF_INVOICE;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Page;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's endpoints: each is one nested read, one SQL statement. The JSON ones pass PostgreSQL's JSON through
 * untouched; the keyset page maps typed rows into records for Spring's JSON writer.
 *
 * <pre>{@code
 * curl localhost:8080/invoices/1
 * curl localhost:8080/organizations/1/dashboard
 * curl 'localhost:8080/organizations/1/invoices?size=2'
 * curl localhost:8080/invoices/1/comments
 * }</pre>
 */
@RestController
class InvoiceController {

    private final NestedReads reads;

    InvoiceController(NestedReads reads) {
        this.reads = reads;
    }

    /** An invoice with its line items, tags, organization, assignee. */
    @GetMapping("/invoices/{id}")
    ResponseEntity<String> invoice(@PathVariable long id) {
        return json(reads.from(INVOICES)
                .where(INVOICES.ID.eq(id))
                .with(LINE_ITEMS, li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION).omit(INVOICE_LINE_ITEMS.INVOICE_ID))
                .with(TAGS_OF_INVOICE, t -> t.columns(TAGS.NAME, TAGS.COLOR).orderBy(TAGS.NAME))
                .with(ORGANIZATION, o -> o.columns(ORGANIZATIONS.ID, ORGANIZATIONS.NAME))
                .with(ASSIGNEE, a -> a.columns(USERS.ID, USERS.DISPLAY_NAME))
                .findFirstJson());
    }

    /** An organization with its five newest invoices (and their line items) and its members. */
    @GetMapping("/organizations/{id}/dashboard")
    ResponseEntity<String> dashboard(@PathVariable long id) {
        return json(reads.from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(id))
                .with(INVOICES_OF_ORG, i -> i
                        .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                        .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                        .limit(5)
                        .with(LINE_ITEMS, li -> li.columns(INVOICE_LINE_ITEMS.DESCRIPTION, INVOICE_LINE_ITEMS.QUANTITY,
                                INVOICE_LINE_ITEMS.UNIT_PRICE).orderBy(INVOICE_LINE_ITEMS.POSITION)))
                .with(MEMBERS, m -> m.columns(MEMBERSHIPS.ROLE).orderBy(MEMBERSHIPS.ROLE, MEMBERSHIPS.USER_ID)
                        .with(MEMBER_USER, u -> u.columns(USERS.DISPLAY_NAME, USERS.EMAIL)))
                .findFirstJson());
    }

    /** One page of an organization's invoices, newest first; pass {@code nextCursor} back as {@code after}. */
    @GetMapping("/organizations/{id}/invoices")
    InvoicePage invoices(@PathVariable long id, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "20") int size) {
        Page<InvoicesRecord> page = reads.from(INVOICES)
                .where(INVOICES.ORGANIZATION_ID.eq(id))
                .orderBy(INVOICES.ISSUED_ON.desc(), INVOICES.ID.desc())
                .with(TAGS_OF_INVOICE, t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME))
                .after(after)
                .findPage(size);
        return new InvoicePage(page.rows().stream().map(n -> new InvoiceSummary(n.record().getId(),
                n.record().getNumber(), n.record().getStatus().getLiteral(), n.record().getTotal(),
                n.record().getIssuedOn(), n.get(TAGS_OF_INVOICE).stream().map(t -> t.record().getName()).toList()))
                .toList(), page.nextCursor().orElse(null));
    }

    /** An invoice's comment thread, three levels deep, each comment with its author. */
    @GetMapping("/invoices/{id}/comments")
    ResponseEntity<String> comments(@PathVariable long id) {
        return json(reads.from(INVOICES)
                .where(INVOICES.ID.eq(id))
                .columns(INVOICES.ID, INVOICES.NUMBER)
                .with(COMMENTS_OF_INVOICE, c -> c.where(COMMENTS.PARENT_ID.isNull())
                        .columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID)
                        .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME))
                        .with(REPLIES, r -> r.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID)
                                .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME))
                                .with(REPLIES, rr -> rr.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID)
                                        .with(AUTHOR, a -> a.columns(USERS.DISPLAY_NAME)))))
                .findFirstJson());
    }

    /** A cursor that is not one of ours, a page size out of range: the library's message, as a 400. */
    @ExceptionHandler(InvalidReadException.class)
    ResponseEntity<String> badRequest(InvalidReadException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    private static ResponseEntity<String> json(Optional<String> json) {
        return json.map(body -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** A page of invoices and the cursor of the next one ({@code null} on the last page). */
    record InvoicePage(List<InvoiceSummary> invoices, String nextCursor) {
    }

    /** One invoice of a page. */
    record InvoiceSummary(long id, String number, String status, BigDecimal total, LocalDate issuedOn, List<String> tags) {
    }
}

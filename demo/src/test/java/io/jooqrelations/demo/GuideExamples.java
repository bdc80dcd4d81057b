package io.jooqrelations.demo;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.relations.Link.link;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.Read;
import io.jooqrelations.query.Related;
import io.jooqrelations.relations.Relations;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SortOrder;

/**
 * The examples of docs/guide.md: each tagged region is shown in the guide, and each read is run on the demo data to
 * produce the SQL and JSON the guide prints (see {@link DocsAreUpToDateTest}).
 */
final class GuideExamples {

    private GuideExamples() {
    }

    // tag::one-to-many-graph[]
    static final Relations ONE_TO_MANY = Relations.define(r -> {
        // the side that holds the foreign key says from(fk).to(key) ...
        r.table(INVOICE_LINE_ITEMS)
                .one("invoice", INVOICES, from(INVOICE_LINE_ITEMS.INVOICE_ID).to(INVOICES.ID));
        // ... and the other side is declared bare: its join is inferred from the one above
        r.table(INVOICES)
                .many("lineItems", INVOICE_LINE_ITEMS);
    });
    // end::one-to-many-graph[]

    // tag::alias-graph[]
    static final Relations ALIASES = Relations.define(r -> {
        r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"))
                .one("creator", USERS, from(INVOICES.CREATED_BY_ID).to(USERS.ID).alias("creator"));
        r.table(USERS)
                .many("assignedInvoices", INVOICES, link().alias("assignee"))
                .many("createdInvoices", INVOICES, link().alias("creator"));
    });
    // end::alias-graph[]

    // tag::through-graph[]
    static final Relations MANY_TO_MANY = Relations.define(r -> {
        r.table(INVOICES).many("tags", TAGS,
                from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID));
        r.table(TAGS).many("invoices", INVOICES);   // inferred: the same two hops, walked backwards
    });
    // end::through-graph[]

    // tag::entity-graph[]
    static final Relations MEMBERSHIPS_AS_ENTITY = Relations.define(r -> {
        r.table(ORGANIZATIONS).many("memberships", MEMBERSHIPS);
        r.table(USERS).many("memberships", MEMBERSHIPS);
        r.table(MEMBERSHIPS)
                .one("organization", ORGANIZATIONS, from(MEMBERSHIPS.ORGANIZATION_ID).to(ORGANIZATIONS.ID))
                .one("user", USERS, from(MEMBERSHIPS.USER_ID).to(USERS.ID));
    });
    // end::entity-graph[]

    // tag::self-reference-graph[]
    static final Relations THREADS = Relations.define(r -> r.table(COMMENTS)
            .one("parent", COMMENTS, from(COMMENTS.PARENT_ID).to(COMMENTS.ID))
            .many("replies", COMMENTS));
    // end::self-reference-graph[]

    /** The reads of the guide by name, each over the graph of its section. */
    static Map<String, Function<DSLContext, Read<?>>> reads() {
        Map<String, Function<DSLContext, Read<?>>> examples = new LinkedHashMap<>();
        examples.put("one-to-many", dsl -> {
            NestedReads reads = NestedReads.using(dsl, ONE_TO_MANY);
            // tag::one-to-many-read[]
            Read<?> read = reads.from(INVOICES)
                    .where(INVOICES.ID.eq(1L))
                    .columns(INVOICES.ID, INVOICES.NUMBER)
                    .with("lineItems", li -> li.columns(INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.DESCRIPTION)
                            .orderBy(INVOICE_LINE_ITEMS.POSITION));
            // end::one-to-many-read[]
            return read;
        });
        examples.put("inferred-reverse", dsl -> {
            NestedReads reads = NestedReads.using(dsl, ONE_TO_MANY);
            // tag::inferred-reverse-read[]
            Read<?> read = reads.from(INVOICE_LINE_ITEMS)
                    .where(INVOICE_LINE_ITEMS.ID.eq(1L))
                    .columns(INVOICE_LINE_ITEMS.ID, INVOICE_LINE_ITEMS.DESCRIPTION)
                    .with("invoice", i -> i.columns(INVOICES.NUMBER, INVOICES.STATUS));
            // end::inferred-reverse-read[]
            return read;
        });
        examples.put("alias", dsl -> {
            NestedReads reads = NestedReads.using(dsl, ALIASES);
            // tag::alias-read[]
            Read<?> read = reads.from(USERS)
                    .where(USERS.ID.eq(1L))
                    .columns(USERS.DISPLAY_NAME)
                    .with("assignedInvoices", i -> i.columns(INVOICES.NUMBER).orderBy(INVOICES.ID).limit(2))
                    .with("createdInvoices", i -> i.columns(INVOICES.NUMBER).orderBy(INVOICES.ID).limit(2));
            // end::alias-read[]
            return read;
        });
        examples.put("through", dsl -> {
            NestedReads reads = NestedReads.using(dsl, MANY_TO_MANY);
            // tag::through-read[]
            Read<?> read = reads.from(TAGS)
                    .where(TAGS.NAME.eq("disputed"))
                    .columns(TAGS.NAME)
                    .with("invoices", i -> i.columns(INVOICES.NUMBER).orderBy(INVOICES.ID).limit(3)
                            .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME)));
            // end::through-read[]
            return read;
        });
        examples.put("entity", dsl -> {
            NestedReads reads = NestedReads.using(dsl, MEMBERSHIPS_AS_ENTITY);
            // tag::entity-read[]
            Read<?> read = reads.from(USERS)
                    .where(USERS.ID.eq(2L))
                    .columns(USERS.DISPLAY_NAME)
                    .with("memberships", m -> m.columns(MEMBERSHIPS.ROLE).orderBy(MEMBERSHIPS.ORGANIZATION_ID)
                            .with("organization", o -> o.columns(ORGANIZATIONS.NAME)));
            // end::entity-read[]
            return read;
        });
        examples.put("self-reference", dsl -> {
            NestedReads reads = NestedReads.using(dsl, THREADS);
            // tag::self-reference-read[]
            Read<?> read = reads.from(COMMENTS)
                    .where(COMMENTS.ID.eq(1L))
                    .columns(COMMENTS.BODY)
                    .with("replies", r -> r.columns(COMMENTS.BODY).orderBy(COMMENTS.ID)
                            .with("replies", rr -> rr.columns(COMMENTS.BODY).orderBy(COMMENTS.ID)));
            // end::self-reference-read[]
            return read;
        });
        examples.put("filter-by-relation", dsl -> {
            NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
            // tag::filter-by-relation-read[]
            Read<?> read = reads.from(ORGANIZATIONS)
                    .whereHas("invoices", i -> i.whereHas("tags", t -> t.where(TAGS.NAME.eq("disputed"))))
                    .whereHasNo("openInvoices", i -> i.where(INVOICES.TOTAL.gt(new BigDecimal("20000.00"))))
                    .columns(ORGANIZATIONS.NAME)
                    .orderBy(ORGANIZATIONS.ID);
            // end::filter-by-relation-read[]
            return read;
        });
        examples.put("aggregates", dsl -> {
            NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
            // tag::aggregates-read[]
            Read<?> read = reads.from(ORGANIZATIONS)
                    .columns(ORGANIZATIONS.NAME)
                    .withCount("invoices")
                    .extra("revenue", Related.sum("invoices", INVOICES.TOTAL))
                    .extra("largestOpen", Related.max("openInvoices", INVOICES.TOTAL))
                    .extra("anyDisputed", Related.exists("invoices")
                            .where(INVOICES.ID.in(select(INVOICE_TAGS.INVOICE_ID).from(INVOICE_TAGS)
                                    .join(TAGS).on(TAGS.ID.eq(INVOICE_TAGS.TAG_ID)).where(TAGS.NAME.eq("disputed")))))
                    .orderBy(Related.sum("invoices", INVOICES.TOTAL), SortOrder.DESC)
                    .limit(3);
            // end::aggregates-read[]
            return read;
        });
        examples.put("junction-columns", dsl -> {
            NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
            // tag::junction-columns-read[]
            Read<?> read = reads.from(INVOICES)
                    .where(INVOICES.ID.eq(1L))
                    .columns(INVOICES.NUMBER)
                    .with("tags", t -> t.columns(TAGS.NAME).junctionColumns(INVOICE_TAGS.ADDED_AT).orderBy(TAGS.NAME));
            // end::junction-columns-read[]
            return read;
        });
        examples.put("recursive", dsl -> {
            NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
            // tag::recursive-read[]
            Read<?> read = reads.from(COMMENTS)
                    .where(COMMENTS.ID.eq(1L))
                    .columns(COMMENTS.ID, COMMENTS.BODY)
                    .withRecursive("replies", 3, level -> level.columns(COMMENTS.ID, COMMENTS.BODY).orderBy(COMMENTS.ID));
            // end::recursive-read[]
            return read;
        });
        examples.put("tenant", dsl -> {
            NestedReads reads = NestedReads.using(dsl, AppRelations.RELATIONS);
            // tag::tenant-read[]
            Read<?> read = reads.scopedTo(AppTenancy.BY_ORGANIZATION, 2L)
                    .from(TAGS)
                    .where(TAGS.NAME.eq("urgent"))
                    .columns(TAGS.NAME)
                    .with("invoices", i -> i.columns(INVOICES.NUMBER).with("lineItems", li -> li.columns(INVOICE_LINE_ITEMS.POSITION)));
            // end::tenant-read[]
            return read;
        });
        return examples;
    }

    /** What the guide shows instead of a nested read: an aggregate, written in plain jOOQ. */
    static Result<?> revenuePerOrganization(DSLContext dsl) {
        // tag::plain-jooq-aggregate[]
        return dsl.select(ORGANIZATIONS.NAME, count(INVOICES.ID).as("invoices"), sum(INVOICES.TOTAL).as("revenue"))
                .from(ORGANIZATIONS)
                .join(INVOICES).on(INVOICES.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                .groupBy(ORGANIZATIONS.ID, ORGANIZATIONS.NAME)
                .orderBy(ORGANIZATIONS.ID)
                .fetch();
        // end::plain-jooq-aggregate[]
    }

    /** The read of {@code one-to-many}, written by hand with jOOQ MULTISET: what the relations file saves you. */
    static Result<? extends Record> handWritten(DSLContext dsl) {
        // tag::hand-written-multiset[]
        return dsl.select(INVOICES.ID, INVOICES.NUMBER,
                        multiset(select(INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.DESCRIPTION)
                                .from(INVOICE_LINE_ITEMS)
                                .where(INVOICE_LINE_ITEMS.INVOICE_ID.eq(INVOICES.ID))
                                .orderBy(INVOICE_LINE_ITEMS.POSITION)).as("lineItems"))
                .from(INVOICES)
                .where(INVOICES.ID.eq(1L))
                .fetch();
        // end::hand-written-multiset[]
    }
}

package io.jooqrelations.query.internal;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.with;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.schema.tables.Invoices;
import org.jooq.QueryPart;
import org.junit.jupiter.api.Test;

/** The check only renders: no database. The level under test reads tags, nested in invoices ({@code invoices.tags}). */
class ForeignTableCheckTest {

    /** Organizations, invoices, tags and the invoice_tags junction; users stay outside the graph. */
    static final Relations RELATIONS = Relations.define(r -> {
        r.table(ORGANIZATIONS).many("invoices", INVOICES, from(ORGANIZATIONS.ID).to(INVOICES.ORGANIZATION_ID));
        r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID))
                .many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID));
    });

    private static final String PATH = "invoices.tags";

    private static void check(QueryPart part) {
        ForeignTableCheck.check(part, TAGS, RELATIONS, "where(...)", PATH);
    }

    private static void accepted(QueryPart part) {
        assertThatCode(() -> check(part)).doesNotThrowAnyException();
    }

    private static void rejected(QueryPart part, String other) {
        assertThatThrownBy(() -> check(part))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("where(...) on invoices.tags refers to table " + other + ", but this level reads tags; a level's "
                        + "conditions, orders and extras use its own table's columns. To filter by a related table use "
                        + "whereHas(...), or give the condition at the level that reads " + other + ".");
    }

    @Test
    void simpleComparisonsAreJudgedWithoutRenderingAndStillSeeForeignColumns() {
        accepted(TAGS.NAME.eq("urgent"));
        accepted(TAGS.ID.between(1L, 9L));
        accepted(TAGS.ID.in(1L, 2L, 3L));
        accepted(TAGS.COLOR.isNull());
        accepted(TAGS.COLOR.isNotNull());
        accepted(TAGS.NAME.desc());
        rejected(TAGS.ID.eq(INVOICES.ID), "invoices");
        rejected(TAGS.ID.between(INVOICES.ID, org.jooq.impl.DSL.val(9L)), "invoices");
        rejected(TAGS.ID.in(1L, 2L).or(TAGS.ID.in(INVOICES.ID)), "invoices");
        rejected(ORGANIZATIONS.NAME.isNull(), "organizations");
        rejected(INVOICES.NUMBER.desc(), "invoices");
    }

    @Test
    void aForeignColumnNextToAnUnrelatedSubqueryIsRejected() {
        // the subquery's FROM whitelists invoices only for its own columns, not for the whole condition
        rejected(TAGS.ID.eq(INVOICES.ID).and(exists(selectOne().from(INVOICES))), "invoices");
    }

    @Test
    void aSubqueryUsingOnlyItsOwnFromIsAccepted() {
        accepted(TAGS.NAME.eq("x").and(exists(selectOne().from(INVOICES).where(INVOICES.ID.eq(1L)))));
        accepted(TAGS.ID.in(select(INVOICES.ID).from(INVOICES).where(INVOICES.STATUS.isNotNull())));
    }

    @Test
    void theLevelsOwnColumnsAreAccepted() {
        accepted(TAGS.NAME.eq("x").and(TAGS.ID.gt(1L)));
        accepted(TAGS.NAME);
        accepted(TAGS.NAME.desc());
    }

    @Test
    void aSubqueryCorrelatedToTheLevelTableIsAccepted() {
        accepted(exists(selectOne().from(INVOICE_TAGS).where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID))));
        accepted(exists(selectOne().from(INVOICES.join(INVOICE_TAGS).on(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)))
                .where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID), INVOICES.NUMBER.eq("A-001"))));
    }

    @Test
    void aSubqueryReferringToAThirdGraphTableOutsideItsFromIsRejected() {
        rejected(exists(selectOne().from(INVOICE_TAGS).where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID),
                INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID))), "invoices");
        rejected(exists(selectOne().from(INVOICES).where(INVOICES.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))), "organizations");
        // nested one level deeper: the inner subquery's FROM does not have it, nor does any enclosing one
        rejected(exists(selectOne().from(INVOICE_TAGS).where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID),
                exists(selectOne().from(INVOICES).where(INVOICES.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))))), "organizations");
    }

    @Test
    void anEnclosingSubquerysFromIsInScopeOfItsNestedSubqueries() {
        accepted(exists(selectOne().from(INVOICES).where(INVOICES.ID.eq(1L),
                exists(selectOne().from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(INVOICES.ORGANIZATION_ID))))));
    }

    @Test
    void aCommaJoinIsAcceptedLikeAJoin() {
        accepted(exists(selectOne().from(INVOICE_TAGS, INVOICES)
                .where(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID), INVOICE_TAGS.TAG_ID.eq(TAGS.ID), INVOICES.ID.eq(1L))));
        accepted(exists(selectOne().from(INVOICE_TAGS.join(INVOICES).on(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)))
                .where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID), INVOICES.ID.eq(1L))));
    }

    @Test
    void aPlainQualifiedFieldOfAnotherGraphTableIsRejected() {
        rejected(field(name("invoices", "id"), Long.class).eq(1L), "invoices");
        rejected(field(name("public", "invoices", "id"), Long.class).eq(1L), "invoices");
        accepted(exists(selectOne().from(table(name("invoices"))).where(field(name("invoices", "id"), Long.class).eq(1L))));
        accepted(field(name("users", "id"), Long.class).eq(1L));
    }

    @Test
    void aValueThatLooksLikeAColumnIsNoReference() {
        accepted(TAGS.NAME.eq("\"invoices\".\"id\""));
        accepted(TAGS.NAME.eq(inline("\"invoices\".\"id\"")));
        accepted(TAGS.NAME.eq("from \"invoices\" join \"organizations\""));
    }

    @Test
    void anAliasedTableInASubqueryIsAccepted() {
        Invoices i = INVOICES.as("i");
        accepted(exists(selectOne().from(i).where(i.ID.eq(1L))));
        accepted(exists(selectOne().from(i).join(INVOICE_TAGS).on(INVOICE_TAGS.INVOICE_ID.eq(i.ID))
                .where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID))));
        // an alias named like a graph table is that table, as far as SQL is concerned
        rejected(ORGANIZATIONS.as("invoices").ID.eq(1L), "invoices");
    }

    @Test
    void aTableOutsideTheGraphIsAccepted() {
        accepted(USERS.ID);
        accepted(USERS.EMAIL.eq("a@example.com"));
        accepted(TAGS.NAME.eq(USERS.DISPLAY_NAME));
    }

    @Test
    void aBareColumnOfAnotherGraphTableIsRejected() {
        rejected(INVOICES.NUMBER, "invoices");
        rejected(INVOICES.ID.desc(), "invoices");
        rejected(INVOICES.ID.as("x"), "invoices");
        assertThatThrownBy(() -> ForeignTableCheck.check(ORGANIZATIONS.NAME, TAGS, RELATIONS, "orderBy(...)", PATH))
                .isInstanceOf(InvalidReadException.class)
                .hasMessageStartingWith("orderBy(...) on invoices.tags refers to table organizations, but this level reads tags;");
    }

    @Test
    void templateArgumentsAreCheckedButPlainSqlTextIsOpaque() {
        rejected(condition("{0} > 1", INVOICES.ID), "invoices");
        accepted(condition("{0} > 1", TAGS.ID));
        accepted(condition("invoices.id = 1"));
    }

    @Test
    void aDerivedTableDoesNotSeeItsSiblingsUnlessLateral() {
        // not LATERAL: "invoices" cannot bind to the sibling, so it binds to the outer invoices level
        rejected(exists(selectOne().from(INVOICES, select(INVOICE_TAGS.TAG_ID).from(INVOICE_TAGS)
                .where(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)).asTable("d"))), "invoices");
        accepted(exists(selectOne().from(INVOICES, lateral(select(INVOICE_TAGS.TAG_ID).from(INVOICE_TAGS)
                .where(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)).asTable("d")))));
    }

    @Test
    void aUnionBranchOrACommonTableExpressionDoesNotSeeAnotherFrom() {
        rejected(exists(selectOne().from(INVOICES).where(INVOICES.ID.eq(1L))
                .union(selectOne().from(INVOICE_TAGS).where(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)))), "invoices");
        accepted(exists(selectOne().from(INVOICES).where(INVOICES.ID.eq(1L))
                .union(selectOne().from(INVOICE_TAGS).where(INVOICE_TAGS.TAG_ID.eq(TAGS.ID)))));
        rejected(exists(with(name("c").as(select(INVOICE_TAGS.TAG_ID).from(INVOICE_TAGS)
                .where(INVOICE_TAGS.INVOICE_ID.eq(INVOICES.ID)))).selectOne().from(INVOICES)), "invoices");
    }

    @Test
    void wholeRowsAndAsterisksAreReferencesToo() {
        rejected(exists(select(INVOICES.asterisk()).from(INVOICE_TAGS)), "invoices");
        accepted(exists(select(INVOICES.asterisk()).from(INVOICES)));
        rejected(field(INVOICES).isNotNull(), "invoices");
    }
}

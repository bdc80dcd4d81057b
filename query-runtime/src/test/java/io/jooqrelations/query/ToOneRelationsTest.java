package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.ACME;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * To-one relations are a {@code LEFT JOIN LATERAL} of a one-row subquery, flattened into the parent's row: these tests
 * pin what that must not change — presence versus nulls, nesting in both directions, required relations, and the
 * record mapping that reads the flat row directly.
 */
class ToOneRelationsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @Test
    void aToOneIsAJoinNotAMultisetAndKeepsTheReadToOneStatement() {
        // a bare key lookup is a plain join of the aliased table; a to-one with a condition of its own, a lateral join
        Read<?> read = DB.get().from(INVOICES).with("lineItems").with("organization")
                .with("assignee", a -> a.where(USERS.EMAIL.like("%@example.com")));
        String sql = TestDialect.unquoted(read.toSQL());
        assertThat(sql).contains("left outer join organizations as organization "
                + "on organization.id = invoices.organization_id");
        if (TestDialect.postgres()) {
            assertThat(sql).contains("left outer join lateral (select true as c0").contains(") as assignee on true");
            // one aggregate: the line items; the to-ones cost no JSON
            assertThat(sql.split("json_agg", -1)).hasSize(2);
        } else {
            // no LATERAL in MariaDB and SQLite: the filtered to-one is a nested MULTISET of at most one row
            assertThat(sql).doesNotContain("lateral");
        }
        DB.counter().reset();
        List<Node<InvoicesRecord>> invoices = (List) read.findMany();
        assertThat(invoices).hasSize(3);
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(invoices).allSatisfy(i -> assertThat(i.one("organization")).isPresent());
    }

    @Test
    void aToOneRowWhoseSelectedColumnsAreAllNullIsPresentAndAMissingOneIsEmpty() {
        // comment 2's parent is comment 1, a root: its parent_id is null, but the row exists
        var reply = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(2L))
                .with("parent", p -> p.columns(COMMENTS.PARENT_ID)).findFirst().orElseThrow();
        assertThat(reply.one("parent")).hasValueSatisfying(p -> assertThat(p.get(COMMENTS.PARENT_ID)).isNull());
        var root = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L))
                .with("parent", p -> p.columns(COMMENTS.PARENT_ID)).findFirst().orElseThrow();
        assertThat(root.one("parent")).isEmpty();
    }

    record ParentView(Long parentId) {
    }

    record CommentWithParent(long id, Optional<ParentView> parent) {
    }

    @Test
    void recordMappingTellsAPresentRowOfNullsFromAMissingOne() {
        List<CommentWithParent> comments = DB.get().from(COMMENTS).where(COMMENTS.ID.in(1L, 2L)).orderBy(COMMENTS.ID)
                .columns(COMMENTS.ID).with("parent", p -> p.columns(COMMENTS.PARENT_ID))
                .findMany(CommentWithParent.class);
        assertThat(comments).containsExactly(new CommentWithParent(1, Optional.empty()),
                new CommentWithParent(2, Optional.of(new ParentView(null))));
    }

    record UserView(String email) {
    }

    record LineView(int position, BigDecimal unitPrice) {
    }

    record InvoiceView(String number, UserView assignee, Optional<UserView> creator, List<LineView> lineItems) {
    }

    record MemberView(String role, UserView user) {
    }

    record OrganizationView(String name, List<MemberView> memberships, List<InvoiceView> invoices) {
    }

    record InvoiceWithOrganization(String number, OrganizationView organization) {
    }

    /** A to-one under a to-many (flattened into the multiset's row) and a to-many under a to-one (inside the lateral). */
    private static Read<?> organizationsDeep() {
        return DB.get().from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID)
                .with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user"))
                .with("invoices", i -> i.orderBy(INVOICES.ID)
                        .with("assignee").with("creator")
                        .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)));
    }

    @Test
    void flatRowMappingEqualsNodeMappingInBothNestingDirections() {
        DB.counter().reset();
        List<OrganizationView> single = organizationsDeep().findMany(OrganizationView.class);
        assertThat(DB.counter().count()).isEqualTo(1);
        List<OrganizationView> perLevel = organizationsDeep().strategy(ReadStrategy.QUERY_PER_LEVEL)
                .findMany(OrganizationView.class);
        assertThat(single).isEqualTo(perLevel);
        assertThat(single.get(0).invoices().get(0).assignee()).isEqualTo(new UserView("ada@example.com"));
        assertThat(single.get(0).invoices().get(1).assignee()).isNull();
        assertThat(single.get(0).memberships()).extracting(MemberView::role).containsExactly("owner", "member");

        Supplier<Read<?>> invoice = () -> DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("organization", o -> o.with("memberships", m -> m.orderBy(MEMBERSHIPS.ID).with("user"))
                        .with("invoices", i -> i.orderBy(INVOICES.ID).with("assignee").with("creator").with("lineItems",
                                li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION))));
        InvoiceWithOrganization detail = invoice.get().findFirst(InvoiceWithOrganization.class).orElseThrow();
        assertThat(detail.organization()).isEqualTo(single.get(0));
        assertThat(invoice.get().prepare().findFirst(InvoiceWithOrganization.class, Map.of())).contains(detail);
    }

    @Test
    void aRequiredToOneWithoutARowIsADataErrorOnEveryPath() {
        Relations strict = Relations.define(r -> {
            r.table(INVOICES).one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).optional(false))
                    .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
            r.table(ORGANIZATIONS).many("invoices", INVOICES);
        });
        NestedReads strictReads = NestedReads.using(DB.dsl(), strict);
        String message = "Relation invoices.assignee is declared optional(false), but the invoices row {id=" + INV_2
                + ", organization_id=" + ACME + ", assigned_to_id=null, created_by_id=1, number=A-002, status=draft, "
                + "total=" + (TestDialect.current() == DialectChoice.SQLITE ? "0" : "0.00") + ", issued_on=2026-02-01} "
                + "has no users row; fix the data or declare the relation optional.";
        Supplier<Read<?>> read = () -> strictReads.from(INVOICES).where(INVOICES.ID.eq(INV_2))
                .columns(INVOICES.ID, INVOICES.ORGANIZATION_ID, INVOICES.ASSIGNED_TO_ID, INVOICES.CREATED_BY_ID,
                        INVOICES.NUMBER, INVOICES.STATUS, INVOICES.TOTAL, INVOICES.ISSUED_ON)
                .with("assignee");
        assertThatThrownBy(() -> read.get().findFirst()).isInstanceOf(ReadDataException.class).hasMessage(message);
        assertThatThrownBy(() -> read.get().findFirst(InvoiceNumber.class)).isInstanceOf(ReadDataException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> read.get().prepare().findMany(Map.of())).isInstanceOf(ReadDataException.class)
                .hasMessage(message);
        // one statement per level decodes through the same rows: the same rule, the same message
        assertThatThrownBy(() -> read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany())
                .isInstanceOf(ReadDataException.class).hasMessage(message);
        assertThatThrownBy(() -> read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst(InvoiceNumber.class))
                .isInstanceOf(ReadDataException.class).hasMessage(message);
        // JSON never reaches Java as rows: the statement itself fails, naming the row by its primary key
        String jsonMessage = "Relation invoices.assignee is declared optional(false), but the invoices row {id=" + INV_2
                + "} has no users row; fix the data or declare the relation optional.";
        assertThatThrownBy(() -> read.get().findFirstJson()).isInstanceOf(ReadDataException.class)
                .hasMessage(jsonMessage);
        assertThatThrownBy(() -> read.get().findManyJson()).isInstanceOf(ReadDataException.class)
                .hasMessage(jsonMessage);
        assertThatThrownBy(() -> read.get().prepare().findManyJson(Map.of()))
                .isInstanceOf(ReadDataException.class).hasMessage(jsonMessage);
        // nested below a to-many, too
        Supplier<Read<?>> nested = () -> strictReads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(ACME))
                .with("invoices", i -> i.with("assignee"));
        String nestedMessage = "Relation invoices.assignee is declared optional(false), but the invoices row {id=" + INV_2;
        assertThatThrownBy(() -> nested.get().findMany()).hasMessageStartingWith(nestedMessage);
        assertThatThrownBy(() -> nested.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany())
                .hasMessageStartingWith(nestedMessage);
        assertThatThrownBy(() -> nested.get().findManyJson()).hasMessage(jsonMessage);
        // a row that has its required to-one reads normally on every path
        assertThat(strictReads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("assignee").findFirstJson()).isPresent();
        assertThat(strictReads.from(INVOICES).where(INVOICES.ID.eq(INV_1)).with("assignee")
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst().orElseThrow().one("assignee")).isPresent();
        // a condition at the to-one level may remove the row: then it is simply absent, on every path
        Supplier<Read<?>> filtered = () -> strictReads.from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("assignee", a -> a.where(USERS.EMAIL.eq("nobody")));
        assertThat(filtered.get().findFirst().orElseThrow().one("assignee")).isEmpty();
        assertThat(filtered.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst().orElseThrow().one("assignee"))
                .isEmpty();
        assertThat(filtered.get().findFirstJson().orElseThrow().replace(" ", "")).contains("\"assignee\":null");
    }

    @Test
    void aJsonValueThatLooksLikeTheMessageOfAMissingToOneIsDataNotAnError() {
        // where the database cannot fail the statement, the message travels in the result behind a marker no value
        // can know; a value of the user's that starts like it is read back as it is, on every dialect
        for (String lookalike : List.of("jooq-relations: Relation invoices.assignee is declared optional(false)",
                "jooq-relations-missing-0: Relation invoices.assignee")) {
            String json = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1)).columns(INVOICES.ID)
                    .extra("note", DSL.jsonArray(DSL.inline(lookalike))).findFirstJson().orElseThrow();
            assertThat(json.replace(" ", "")).contains(lookalike.replace(" ", ""));
        }
    }

    record InvoiceNumber(String number, Optional<UserView> assignee) {
    }

    @Test
    void aWideToOneJoinedIntoANestedRowReadsOnEveryBackEnd() {
        // 11 columns, 40 extras, a marker, 5 columns and 50 extras of the organization: 107 values, sent in two chunks
        java.util.function.Supplier<Read<?>> read = () -> DB.get().from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID)
                .with("invoices", i -> {
                    i.orderBy(INVOICES.ID);
                    for (int n = 0; n < 40; n++) {
                        i.extra("x" + n, DSL.inline(n));
                    }
                    i.with("organization", o -> {
                        for (int n = 0; n < 50; n++) {
                            o.extra("y" + n, DSL.inline(n));
                        }
                    });
                });
        List<? extends Node<?>> organizations = read.get().findMany();
        Node<?> invoice = organizations.get(0).many("invoices").get(0);
        assertThat(invoice.extra("x39")).isEqualTo(39);
        assertThat(invoice.one("organization").orElseThrow().extra("y49")).isEqualTo(49);
        assertThat(invoice.one("organization").orElseThrow().record().get("slug")).isEqualTo("acme");
        assertThat(QueryPerLevelStrategyTest.normalize(read.get().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(organizations));
        assertThat(read.get().findManyJson().replace(" ", "")).contains("\"x39\":39,\"organization\":{\"id\":1");
    }
}

package io.jooqrelations.relations;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.example.AppRelations.RELATIONS;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.schema.DefaultSchema;
import org.junit.jupiter.api.Test;

class RelationsGraphTest {

    @Test
    void bareReverseSideIsInferredFromTheForwardSideByTargetTable() {
        Relation invoices = RELATIONS.relation(ORGANIZATIONS, "invoices");
        assertThat(invoices.kind()).isEqualTo(RelationKind.MANY);
        assertThat(invoices.inferred()).isTrue();
        assertThat(invoices.sourceColumns()).containsExactly(ORGANIZATIONS.ID);
        assertThat(invoices.targetColumns()).containsExactly(INVOICES.ORGANIZATION_ID);
    }

    @Test
    void aliasPairsTheRightEndWhenTwoEdgesJoinTheSameTables() {
        assertThat(RELATIONS.relation(USERS, "assignedInvoices").targetColumns()).containsExactly(INVOICES.ASSIGNED_TO_ID);
        assertThat(RELATIONS.relation(USERS, "createdInvoices").targetColumns()).containsExactly(INVOICES.CREATED_BY_ID);
    }

    @Test
    void throughRelationIsInferredBackwardsAcrossTheSameJunction() {
        Relation invoicesOfTag = RELATIONS.relation(TAGS, "invoices");
        assertThat(invoicesOfTag.junction()).hasValueSatisfying(j -> assertThat(j.getName()).isEqualTo("invoice_tags"));
        assertThat(invoicesOfTag.sourceColumns()).containsExactly(TAGS.ID);
        assertThat(invoicesOfTag.junctionSourceColumns()).containsExactly(INVOICE_TAGS.TAG_ID);
        assertThat(invoicesOfTag.junctionTargetColumns()).containsExactly(INVOICE_TAGS.INVOICE_ID);
        assertThat(invoicesOfTag.targetColumns()).containsExactly(INVOICES.ID);
    }

    @Test
    void selfReferenceInfersRepliesFromParent() {
        Relation replies = RELATIONS.relation(COMMENTS, "replies");
        assertThat(replies.source().getName()).isEqualTo("comments");
        assertThat(replies.target().getName()).isEqualTo("comments");
        assertThat(replies.sourceColumns()).containsExactly(COMMENTS.ID);
        assertThat(replies.targetColumns()).containsExactly(COMMENTS.PARENT_ID);
    }

    @Test
    void filterAndOptionalityAreKeptOnTheRelation() {
        assertThat(RELATIONS.relation(ORGANIZATIONS, "openInvoices").filter()).isPresent();
        assertThat(RELATIONS.relation(INVOICES, "organization").optional()).isFalse();
        assertThat(RELATIONS.relation(INVOICES, "assignee").optional()).isTrue();
    }

    @Test
    void compositeKeysJoinColumnByColumn() {
        Relations graph = Relations.define(r -> {
            r.table(INVOICE_TAGS).one("pairInvoice", INVOICES,
                    from(INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID).to(INVOICES.ID, INVOICES.ORGANIZATION_ID));
            r.table(INVOICES).many("pairTags", INVOICE_TAGS);
        });
        assertThat(graph.relation(INVOICES, "pairTags").sourceColumns()).containsExactly(INVOICES.ID, INVOICES.ORGANIZATION_ID);
        assertThat(graph.relation(INVOICES, "pairTags").targetColumns())
                .containsExactly(INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID);
    }

    @Test
    void oneRelationMayGoThroughAJunction() {
        Relations graph = Relations.define(r -> r.table(INVOICES).one("firstTag", TAGS,
                from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)));
        assertThat(graph.relation(INVOICES, "firstTag").kind()).isEqualTo(RelationKind.ONE);
        assertThat(graph.relation(INVOICES, "firstTag").junction()).isPresent();
    }

    @Test
    void exampleGraphCoversEveryForeignKeyInBothDirections() {
        CoverageReport report = RELATIONS.coverage();
        assertThat(report.uncoveredForeignKeys()).isEmpty();
        assertThat(report.oneSidedForeignKeys()).isEmpty();
        assertThat(report.relationsWithoutForeignKey()).isEmpty();
        report.assertComplete();
    }

    @Test
    void coverageReportsTheSilentGapAndTheMissingForeignKeys() {
        Relations graph = Relations.define(DefaultSchema.DEFAULT_SCHEMA, r -> r.table(INVOICE_LINE_ITEMS)
                .one("invoice", INVOICES, from(INVOICE_LINE_ITEMS.INVOICE_ID).to(INVOICES.ID))
                .one("sameNumber", INVOICES, from(INVOICE_LINE_ITEMS.POSITION).to(INVOICES.ID)));
        CoverageReport report = graph.coverage();
        assertThat(report.isComplete()).isFalse();
        assertThat(report.oneSidedForeignKeys()).containsExactly(
                "foreign key invoice_line_items(invoice_id) -> invoices(id): walked from invoice_line_items "
                        + "(invoice_line_items.invoice) but not from invoices to invoice_line_items");
        assertThat(report.uncoveredForeignKeys()).hasSize(10).contains(
                "foreign key invoice_tags(tag_id) -> tags(id): no relation walks it; declare e.g. "
                        + "r.table(invoice_tags).one(\"...\", tags, from(tag_id).to(id)) and the bare reverse side on tags");
        assertThat(report.relationsWithoutForeignKey())
                .containsExactly("invoice_line_items.sameNumber: no foreign key backs its join");
        assertThatThrownBy(report::assertComplete).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The relations graph does not cover every foreign key:\nForeign keys with no relation:");
    }

    @Test
    void mermaidDiagramHasEveryTableAndEveryRelationAsALabelledEdge() {
        String mermaid = RELATIONS.toMermaid();
        assertThat(mermaid).startsWith("flowchart LR\n")
                .contains("    invoice_tags[invoice_tags]\n")
                .contains("    invoices ==>|\"tags: many through invoice_tags\"| tags\n")
                .contains("    invoices -->|\"organization: one\"| organizations\n")
                .contains("    organizations ==>|\"openInvoices: many (filtered)\"| invoices\n")
                .contains("    comments ==>|\"replies: many\"| comments\n");
        assertThat(mermaid.lines().filter(l -> l.contains("|"))).hasSize(RELATIONS.allRelations().size());
    }

    @Test
    void unknownRelationNamesTheTableListsItsRelationsAndSuggestsTheNearest() {
        assertThatThrownBy(() -> RELATIONS.relation(INVOICES, "lineItem"))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessage("Table invoices has no relation 'lineItem'. Did you mean 'lineItems'? Its relations are: "
                        + "organization, assignee, creator, lineItems, tags, comments.");
        assertThatThrownBy(() -> RELATIONS.relation(INVOICE_TAGS, "x'; drop table invoices; --"))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessage("Table invoice_tags has no relation 'x'; drop table invoices; --'. It has no relations at all; "
                        + "declare them in the relations file with r.table(invoice_tags)....");
    }

    @Test
    void typedHandlesFailWhenCreatedForAMissingRelationTheOtherCardinalityOrAnotherTarget() {
        assertThatThrownBy(() -> RELATIONS.many(INVOICES, "organization", ORGANIZATIONS))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessage("Relation invoices.organization is a one, not a many; create its handle with "
                        + "RELATIONS.one(invoices, \"organization\", organizations).");
        assertThatThrownBy(() -> RELATIONS.many(INVOICES, "tags", USERS))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessage("Relation invoices.tags leads to tags, not to users; pass tags as the handle's target.");
        assertThatThrownBy(() -> RELATIONS.one(INVOICES, "owner", USERS))
                .isInstanceOf(UnknownRelationException.class)
                .hasMessageStartingWith("Table invoices has no relation 'owner'.");
        assertThat(AppRelations.TAGS_OF_INVOICE.relation().name()).isEqualTo("tags");
    }

    @Test
    void aHandleDeclaredFirstNamesItsRelationOnceAndIsBoundWhenTheGraphIsBuilt() {
        One<io.jooqrelations.schema.tables.records.InvoicesRecord, io.jooqrelations.schema.tables.records.OrganizationsRecord>
                organization = One.of(INVOICES, "organization", ORGANIZATIONS);
        Many<io.jooqrelations.schema.tables.records.OrganizationsRecord, io.jooqrelations.schema.tables.records.InvoicesRecord>
                invoices = Many.of(ORGANIZATIONS, "invoices", INVOICES);
        assertThat(organization.name()).isEqualTo("organization");
        assertThatThrownBy(organization::relation).isInstanceOf(UnknownRelationException.class)
                .hasMessage("The handle of relation invoices.organization was never declared in a graph; declare it in "
                        + "the relations file with r.table(invoices).one(handle, ...) before reading with it.");

        Relations graph = Relations.define(r -> {
            r.table(INVOICES).one(organization, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
            r.table(ORGANIZATIONS).many(invoices);
        });
        assertThat(organization.relation()).isSameAs(graph.relation(INVOICES, "organization"));
        // the bare side was inferred from the declared one, as with names
        assertThat(invoices.relation().sourceColumns()).containsExactly(ORGANIZATIONS.ID);
        assertThat(invoices.relation().targetColumns()).containsExactly(INVOICES.ORGANIZATION_ID);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aDeclaredHandleIsCheckedWhereItIsDeclared() {
        assertThatThrownBy(() -> One.of(INVOICES, "bad name", ORGANIZATIONS)).isInstanceOf(InvalidRelationsException.class)
                .hasMessage("One.of(invoices, \"bad name\", ...): a relation name must be letters, digits and '_', "
                        + "starting with a letter.");
        assertThatThrownBy(() -> Many.of(null, "lineItems", INVOICE_LINE_ITEMS))
                .isInstanceOf(InvalidRelationsException.class).hasMessageStartingWith("Many.of(source, name, target) was given null");
        One organization = One.of(INVOICES, "organization", ORGANIZATIONS);
        assertThatThrownBy(() -> Relations.define(r -> ((TableRelations) r.table(USERS)).one(organization)))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("r.table(users).one(...) was given the handle of invoices.organization; declare it under "
                        + "r.table(invoices).");
        // a handle looked up in a built graph names a relation that exists already: it cannot declare one
        assertThatThrownBy(() -> Relations.define(r -> ((TableRelations) r.table(INVOICES))
                .many(AppRelations.RELATIONS.many(INVOICES, "tags", io.jooqrelations.schema.Tables.TAGS))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("r.table(invoices).many(handle, ...) needs a handle made with Many.of(source, name, target); "
                        + "invoices.tags was looked up in a built graph.");
    }

    @Test
    void aNullDeclaredHandleIsRefused() {
        One<io.jooqrelations.schema.tables.records.InvoicesRecord, io.jooqrelations.schema.tables.records.OrganizationsRecord>
                none = null;
        assertThatThrownBy(() -> Relations.define(r -> r.table(INVOICES).one(none)))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("r.table(invoices).one(handle, ...) needs a handle made with One.of(source, name, target); "
                        + "it was given null.");
    }
}

package io.jooqrelations.relations;


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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.schema.DefaultSchema;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.Test;

/** One test per validation rule of {@link Relations#define}, each pinning the exact message a user sees. */
class RelationsValidationTest {

    /** A table with real columns that is not part of {@link DefaultSchema#DEFAULT_SCHEMA}. */
    static final class AuditLog extends TableImpl<Record> {

        private static final long serialVersionUID = 1L;

        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT, this, "");
        final TableField<Record, Long> INVOICE_ID = createField(DSL.name("invoice_id"), SQLDataType.BIGINT, this, "");

        AuditLog() {
            super(DSL.name("audit_log"));
        }
    }

    static final AuditLog AUDIT_LOG = new AuditLog();

    private static final String NOT_IN_DEFAULT_SCHEMA = " is not part of schema (the default schema); declare relations "
            + "only over that schema's tables, or pass the schema that holds it to Relations.define(schema, ...), or several to Relations.define(schemas, ...).";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Consumer<RelationsBuilder> declarations) {
        return assertThatThrownBy(() -> Relations.define(DefaultSchema.DEFAULT_SCHEMA, declarations))
                .isInstanceOf(InvalidRelationsException.class);
    }

    // --- tables outside the schema ---------------------------------------------------------------------------------

    @Test
    void targetTableOutsideTheSchemaIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("auditLog", DSL.table(DSL.name("audit_log"))))
                .hasMessage("Table audit_log used by relation invoices.auditLog" + NOT_IN_DEFAULT_SCHEMA);
    }

    @Test
    void declaringTableOutsideTheSchemaIsRejected() {
        assertInvalid(r -> r.table(AUDIT_LOG).one("invoice", INVOICES, from(AUDIT_LOG.INVOICE_ID).to(INVOICES.ID)))
                .hasMessage("Table audit_log used by relation audit_log.invoice" + NOT_IN_DEFAULT_SCHEMA);
    }

    @Test
    void junctionTableOutsideTheSchemaIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("audited", TAGS,
                from(INVOICES.ID).through(AUDIT_LOG.INVOICE_ID).to(TAGS.ID).through(AUDIT_LOG.ID)))
                .hasMessage("Table audit_log used by relation invoices.audited" + NOT_IN_DEFAULT_SCHEMA);
    }

    @Test
    void generatedTableIsRejectedWhenTheGivenSchemaDoesNotHoldIt() {
        assertThatThrownBy(() -> Relations.define(DSL.schema(DSL.name("other")), r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID))))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Table invoices used by relation invoices.organization is not part of schema 'other'; declare "
                        + "relations only over that schema's tables, or pass the schema that holds it to "
                        + "Relations.define(schema, ...), or several to Relations.define(schemas, ...).");
    }

    @Test
    void aliasedTableIsNotPartOfTheSchemaUnderItsAlias() {
        assertInvalid(r -> r.table(INVOICES.as("i"))
                .one("organization", ORGANIZATIONS, from(INVOICES.as("i").ORGANIZATION_ID).to(ORGANIZATIONS.ID)))
                .hasMessage("Table i used by relation i.organization" + NOT_IN_DEFAULT_SCHEMA);
    }

    // --- names -----------------------------------------------------------------------------------------------------

    @Test
    void relationNameDeclaredTwiceOnOneTableIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .many("lineItems", INVOICE_LINE_ITEMS)
                .many("lineItems", INVOICE_LINE_ITEMS))
                .hasMessage("Table invoices declares relation 'lineItems' twice; rename one of them (relation names are "
                        + "unique per table).");
    }

    /** Stands for a generated graph's {@code declare(r)}: declarations written in another class. */
    static final class Generated {
        static void declare(RelationsBuilder r) {
            r.table(INVOICES).one("org", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
        }
    }

    @Test
    void aRelationDeclaredByAGeneratedGraphAndAgainByHandIsRejectedNamingWhereEachWasWritten() {
        assertInvalid(r -> {
            Generated.declare(r);
            r.table(INVOICES).one("org", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
        }).message().startsWith("Table invoices declares relation 'org' twice; rename one of them (relation names are "
                + "unique per table). Declared at RelationsValidationTest$Generated (RelationsValidationTest.java:")
                .containsPattern("and at RelationsValidationTest \\(RelationsValidationTest\\.java:\\d+\\); when one "
                        + "of them is generated, leave the relation to the generated graph, or rename it there "
                        + "\\(<renames> in the plugin's <relations>\\)\\.$");
    }

    @Test
    void relationNameDeclaredTwiceAcrossTwoTableBlocksIsRejected() {
        assertInvalid(r -> {
            r.table(INVOICES).one("org", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
            r.table(INVOICES).one("org", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID));
        }).hasMessage("Table invoices declares relation 'org' twice; rename one of them (relation names are unique per "
                + "table).");
    }

    @Test
    void relationNamedExactlyLikeAColumnIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("total", INVOICE_LINE_ITEMS))
                .hasMessage("Relation invoices.total collides with column invoices.total: relations and columns share one "
                        + "namespace in results (typed nodes, records, JSON). Rename the relation.");
    }

    @Test
    void relationNamedLikeTheCamelCaseOfAColumnIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organizationId", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID)))
                .hasMessage("Relation invoices.organizationId collides with column invoices.organization_id: relations and "
                        + "columns share one namespace in results (typed nodes, records, JSON). Rename the relation.");
    }

    @Test
    void nullRelationNameIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many(null, INVOICE_LINE_ITEMS))
                .hasMessage("A relation on table invoices has a null name; give it a name such as 'lineItems'.");
    }

    @Test
    void emptyRelationNameIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("", INVOICE_LINE_ITEMS))
                .hasMessage("A relation on table invoices has an empty name; give it a name such as 'lineItems'.");
    }

    @Test
    void blankRelationNameIsRejectedAsEmpty() {
        assertInvalid(r -> r.table(INVOICES).many("  ", INVOICE_LINE_ITEMS))
                .hasMessage("A relation on table invoices has an empty name; give it a name such as 'lineItems'.");
    }

    @Test
    void relationNameWithASpaceIsNotAnIdentifier() {
        assertInvalid(r -> r.table(INVOICES).many("line items", INVOICE_LINE_ITEMS))
                .hasMessage("Relation name 'line items' on table invoices is not a valid identifier: use letters, digits "
                        + "and '_', start with a letter, at most 63 characters (it becomes a JSON key and a SQL alias).");
    }

    @Test
    void relationNameCarryingSqlIsNotAnIdentifier() {
        assertInvalid(r -> r.table(INVOICES).many("x'; drop table invoices; --", INVOICE_LINE_ITEMS))
                .hasMessage("Relation name 'x'; drop table invoices; --' on table invoices is not a valid identifier: use "
                        + "letters, digits and '_', start with a letter, at most 63 characters (it becomes a JSON key and a "
                        + "SQL alias).");
    }

    @Test
    void relationNameLongerThanSixtyThreeCharactersIsNotAnIdentifier() {
        String name = "a".repeat(64);
        assertInvalid(r -> r.table(INVOICES).many(name, INVOICE_LINE_ITEMS))
                .hasMessage("Relation name '" + name + "' on table invoices is not a valid identifier: use letters, digits "
                        + "and '_', start with a letter, at most 63 characters (it becomes a JSON key and a SQL alias).");
    }

    @Test
    void aliasWithASpaceIsNotAnIdentifier() {
        assertInvalid(r -> r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("the assignee")))
                .hasMessage("Relation invoices.assignee has alias 'the assignee', which is not a valid identifier: use "
                        + "letters, digits and '_', starting with a letter.");
    }

    @Test
    void emptyAliasIsNotAnIdentifier() {
        assertInvalid(r -> r.table(USERS).many("assignedInvoices", INVOICES, link().alias("")))
                .hasMessage("Relation users.assignedInvoices has alias '', which is not a valid identifier: use letters, "
                        + "digits and '_', starting with a letter.");
    }

    // --- null arguments --------------------------------------------------------------------------------------------

    @Test
    void nullTargetTableIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("lineItems", null))
                .hasMessage("Relation invoices.lineItems has a null target table; pass a generated table such as "
                        + "Tables.ORGANIZATIONS (is the static import initialised?).");
    }

    @Test
    void nullLinkIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("lineItems", INVOICE_LINE_ITEMS, null))
                .hasMessage("Relation invoices.lineItems was given a null Link; leave the argument out to infer the join, "
                        + "or pass from(...).to(...).");
    }

    @Test
    void nullColumnInFromIsRejectedWithItsPosition() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID, null).to(ORGANIZATIONS.ID)))
                .hasMessage("from(...) was given null as column 2; pass the generated TableField, e.g. "
                        + "INVOICES.ORGANIZATION_ID");
    }

    @Test
    void nullColumnInToIsRejectedWithItsPosition() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to((TableField<?, ?>) null)))
                .hasMessage("to(...) was given null as column 1; pass the generated TableField, e.g. "
                        + "INVOICES.ORGANIZATION_ID");
    }

    @Test
    void fromWithoutColumnsIsRejected() {
        assertThatThrownBy(() -> from())
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("from(...) needs at least one column");
        assertThatThrownBy(() -> from((TableField<?, ?>[]) null))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("from(...) needs at least one column");
    }

    @Test
    void nullTableInTheBuilderIsRejected() {
        assertInvalid(r -> r.table(null))
                .hasMessage("r.table(null): pass a generated table such as Tables.INVOICES (is the static import "
                        + "initialised?)");
    }

    @Test
    void nullDeclarationsAreRejected() {
        assertThatThrownBy(() -> Relations.define(null))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Relations.define(...) was given null declarations; pass r -> { ... }.");
        assertThatThrownBy(() -> Relations.define(DefaultSchema.DEFAULT_SCHEMA, null))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Relations.define(...) was given null declarations; pass r -> { ... }.");
    }

    @Test
    void nullSchemaIsRejected() {
        assertThatThrownBy(() -> Relations.define((org.jooq.Schema) null,
                r -> r.table(INVOICES).many("lineItems", INVOICE_LINE_ITEMS)))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Relations.define(schema, ...) was given a null schema; pass the generated schema (e.g. "
                        + "DefaultSchema.DEFAULT_SCHEMA) or use Relations.define(r -> ...).");
        assertThatThrownBy(() -> Relations.define(java.util.List.of(), r -> { }))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Relations.define(schemas, ...) needs the generated schemas the graph spans, e.g. "
                        + "List.of(Crm.CRM, Auth.AUTH); it was given [].");
    }

    // --- explicit joins --------------------------------------------------------------------------------------------

    @Test
    void fromColumnOfAnotherTableIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(MEMBERSHIPS.ORGANIZATION_ID).to(ORGANIZATIONS.ID)))
                .hasMessage("Relation invoices.organization: from column memberships.organization_id is not a column of "
                        + "invoices; from(...) takes columns of the declaring table.");
    }

    @Test
    void toColumnOfAnotherTableThanTheTargetIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(USERS.ID)))
                .hasMessage("Relation invoices.organization: to column users.id is not a column of the target table "
                        + "organizations; to(...) takes columns of the target.");
    }

    @Test
    void fromAndToWithDifferentColumnCountsAreRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID, INVOICES.ID).to(ORGANIZATIONS.ID)))
                .hasMessage("Relation invoices.organization: from(...) has 2 column(s) but to(...) has 1; a composite key "
                        + "needs the same number of columns on both sides, in the same order.");
    }

    @Test
    void textColumnJoinedToABigintColumnIsRejected() {
        assertInvalid(r -> r.table(INVOICES).one("numberUser", USERS, from(INVOICES.NUMBER).to(USERS.ID)))
                .hasMessage("Relation invoices.numberUser: invoices.number (clob) and users.id (bigint) have incompatible "
                        + "types; join columns must hold the same kind of value.");
    }

    @Test
    void twoDifferentEnumColumnsAreIncompatible() {
        assertInvalid(r -> r.table(INVOICES).one("statusRole", MEMBERSHIPS, from(INVOICES.STATUS).to(MEMBERSHIPS.ROLE)))
                .hasMessage("Relation invoices.statusRole: invoices.status (invoice_status) and memberships.role "
                        + "(membership_role) have incompatible types; join columns must hold the same kind of value.");
    }

    @Test
    void fromWithoutToIsRejected() {
        assertInvalid(r -> r.table(INVOICES).one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID)))
                .hasMessage("Relation invoices.organization: from(...) and to(...) go together; give both, or neither to "
                        + "infer the join from the relation on organizations.");
    }

    @Test
    void toWithoutFromIsRejected() {
        assertInvalid(r -> r.table(INVOICES).one("organization", ORGANIZATIONS, link().to(ORGANIZATIONS.ID)))
                .hasMessage("Relation invoices.organization: from(...) and to(...) go together; give both, or neither to "
                        + "infer the join from the relation on organizations.");
    }

    @Test
    void optionalFalseOnAManyIsRejected() {
        assertInvalid(r -> r.table(ORGANIZATIONS).many("invoices", INVOICES, link().optional(false)))
                .hasMessage("Relation organizations.invoices is a many: optional(...) applies to one relations only (a many "
                        + "is an empty list when nothing matches). Remove optional(...).");
    }

    @Test
    void optionalTrueOnAManyIsRejectedToo() {
        assertInvalid(r -> r.table(ORGANIZATIONS).many("invoices", INVOICES, link().optional(true)))
                .hasMessage("Relation organizations.invoices is a many: optional(...) applies to one relations only (a many "
                        + "is an empty list when nothing matches). Remove optional(...).");
    }

    // --- through ---------------------------------------------------------------------------------------------------

    @Test
    void throughAfterFromOnlyIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID)))
                .hasMessage("Relation invoices.tags: through(...) is given after from(...) but not after to(...); a "
                        + "many-to-many needs both hops: from(a).through(junction.a_id).to(b).through(junction.b_id).");
    }

    @Test
    void throughAfterToOnlyIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .many("tags", TAGS, from(INVOICES.ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)))
                .hasMessage("Relation invoices.tags: through(...) is given after to(...) but not after from(...); a "
                        + "many-to-many needs both hops: from(a).through(junction.a_id).to(b).through(junction.b_id).");
    }

    @Test
    void throughTwoDifferentJunctionTablesIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(COMMENTS.ID)))
                .hasMessage("Relation invoices.tags goes through two different junction tables, invoice_tags and comments; "
                        + "both through(...) must use columns of the same junction table.");
    }

    @Test
    void toGivenTwiceIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID)
                .to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)
                .to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)))
                .hasMessage("to(tags.id) is given twice (first to(tags.id)); a link has one to(...) — list composite key "
                        + "columns in a single to(a, b).");
    }

    @Test
    void throughThatDoesNotFollowFromOrToIsRejectedByTheLinkItself() {
        String message = "through(invoice_tags.tag_id) must follow from(...) or to(...): write "
                + "from(a).through(junction.a_id).to(b).through(junction.b_id)";
        assertThatThrownBy(() -> link().through(INVOICE_TAGS.TAG_ID))
                .isInstanceOf(InvalidRelationsException.class).hasMessage(message);
        assertThatThrownBy(() -> from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).through(INVOICE_TAGS.TAG_ID))
                .isInstanceOf(InvalidRelationsException.class).hasMessage(message);
        assertThatThrownBy(() -> from(INVOICES.ID).to(TAGS.ID).alias("tagged").through(INVOICE_TAGS.TAG_ID))
                .isInstanceOf(InvalidRelationsException.class).hasMessage(message);
    }

    // --- inference -------------------------------------------------------------------------------------------------

    @Test
    void bareSideWithoutAForwardPartnerIsRejected() {
        assertInvalid(r -> r.table(INVOICES).many("tags", TAGS))
                .hasMessage("Relation invoices.tags: tags has no relation back to invoices with from(...).to(...) to infer "
                        + "the join from. Otherwise declare the join here, e.g. many(\"tags\", TAGS, from(...).to(...)).");
    }

    @Test
    void bareSelfReferenceWithoutAForwardPartnerIsRejected() {
        assertInvalid(r -> r.table(COMMENTS).many("replies", COMMENTS))
                .hasMessage("Relation comments.replies: comments has no relation back to comments with from(...).to(...) "
                        + "to infer the join from. Otherwise declare the join here, e.g. many(\"replies\", COMMENTS, "
                        + "from(...).to(...)).");
    }

    @Test
    void bareSideWithSeveralCandidatePartnersIsRejected() {
        assertInvalid(r -> {
            r.table(USERS).many("invoices", INVOICES);
            r.table(INVOICES)
                    .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID))
                    .one("creator", USERS, from(INVOICES.CREATED_BY_ID).to(USERS.ID));
        }).hasMessage("Multiple relations between users and invoices (invoices.assignee, invoices.creator) could be the "
                + "other end of users.invoices; give both ends the same alias, e.g. link().alias(\"assignee\") here and "
                + ".alias(\"assignee\") on invoices.assignee.");
    }

    @Test
    void bareSideWhoseOnlyPartnersCarryAliasesGetsTheAliasHint() {
        assertInvalid(r -> {
            r.table(USERS)
                    .many("assignedInvoices", INVOICES, link().alias("assignee"))
                    .many("invoices", INVOICES);
            r.table(INVOICES).one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"));
        }).hasMessage("Relation users.invoices: invoices has no relation back to users with from(...).to(...) to infer the "
                + "join from. The relations back carry aliases: invoices.assignee (alias 'assignee'); give this end the "
                + "matching alias with link().alias(...). Otherwise declare the join here, e.g. many(\"invoices\", "
                + "INVOICES, from(...).to(...)).");
    }

    @Test
    void bareSideWhoseAliasedPartnersAreThemselvesUnpairedIsReportedAtTheAliasFirst() {
        // the alias check runs before inference, so the unpaired alias on the forward side is what gets reported
        assertInvalid(r -> {
            r.table(USERS).many("invoices", INVOICES);
            r.table(INVOICES)
                    .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"))
                    .one("creator", USERS, from(INVOICES.CREATED_BY_ID).to(USERS.ID).alias("creator"));
        }).hasMessage("Alias 'assignee' on relation invoices.assignee has no partner: no relation on users back to invoices "
                + "uses it. Give the other end the same alias (link().alias(\"assignee\")), or remove the alias.");
    }

    // --- aliases ---------------------------------------------------------------------------------------------------

    @Test
    void aliasUsedOnlyOnceIsRejected() {
        assertInvalid(r -> r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee")))
                .hasMessage("Alias 'assignee' on relation invoices.assignee has no partner: no relation on users back to "
                        + "invoices uses it. Give the other end the same alias (link().alias(\"assignee\")), or remove the "
                        + "alias.");
    }

    @Test
    void aliasUsedByTwoBareRelationsOnTheSameSideIsRejected() {
        assertInvalid(r -> {
            r.table(USERS)
                    .many("assignedInvoices", INVOICES, link().alias("assignee"))
                    .many("invoicesToDo", INVOICES, link().alias("assignee"));
            r.table(INVOICES).one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"));
        }).hasMessage("Alias 'assignee' is used by 2 relations from users to invoices (users.assignedInvoices, "
                + "users.invoicesToDo); an alias pairs exactly one relation on each side. Give each its own alias.");
    }

    @Test
    void aliasUsedByTwoExplicitRelationsOnTheSameSideIsRejected() {
        assertInvalid(r -> {
            r.table(USERS).many("assignedInvoices", INVOICES, link().alias("assignee"));
            r.table(INVOICES)
                    .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"))
                    .one("creator", USERS, from(INVOICES.CREATED_BY_ID).to(USERS.ID).alias("assignee"));
        }).hasMessage("Alias 'assignee' is used by 2 relations from invoices to users (invoices.assignee, "
                + "invoices.creator); an alias pairs exactly one relation on each side. Give each its own alias.");
    }

    @Test
    void aliasOnABareSideThatNoRelationBackUsesIsRejected() {
        assertInvalid(r -> {
            r.table(USERS).many("assignedInvoices", INVOICES, link().alias("owner"));
            r.table(INVOICES).one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).alias("assignee"));
        }).hasMessage("Alias 'owner' on relation users.assignedInvoices has no partner: no relation on invoices back to "
                + "users uses it. Give the other end the same alias (link().alias(\"owner\")), or remove the alias.");
    }

    @Test
    void aliasSharedOnlyByTwoBareEndsHasNoJoinToInferFrom() {
        assertInvalid(r -> {
            r.table(USERS).many("assignedInvoices", INVOICES, link().alias("assignee"));
            r.table(INVOICES).one("assignee", USERS, link().alias("assignee"));
        }).hasMessage("Relation users.assignedInvoices has alias 'assignee' but invoices has no relation back to users "
                + "with from(...).to(...) and that alias to infer the join from; declare the join on one of the two ends.");
    }

    @Test
    void nullAliasAndNullFilterAreRejectedWithTheProjectsException() {
        assertThatThrownBy(() -> Link.link().alias(null)).isInstanceOf(InvalidRelationsException.class)
                .hasMessage("alias(null): give the alias both ends of the edge share, e.g. alias(\"assignee\"), or leave "
                        + "alias(...) out.");
        assertThatThrownBy(() -> Link.link().where(null)).isInstanceOf(InvalidRelationsException.class)
                .hasMessage("where(null): pass a condition on the relation's target table, e.g. "
                        + "where(INVOICES.STATUS.eq(InvoiceStatus.open)), or leave where(...) out.");
    }

    @Test
    void findRelationWithANullNameIsEmptyEvenOnATableWithoutRelations() {
        assertThat(AppRelations.RELATIONS.findRelation(INVOICE_TAGS, null)).isEmpty();
        assertThat(AppRelations.RELATIONS.findRelation(INVOICES, null)).isEmpty();
    }
}

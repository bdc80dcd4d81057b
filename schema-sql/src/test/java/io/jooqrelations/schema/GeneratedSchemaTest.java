package io.jooqrelations.schema;

import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeneratedSchemaTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    @Test
    void generatedSchemaHasEveryTableOfTheDomain() {
        assertThat(DefaultSchema.DEFAULT_SCHEMA.getTables()).extracting(Table::getName).containsExactlyInAnyOrder(
                "organizations", "users", "memberships", "invoices", "invoice_line_items", "tags", "invoice_tags",
                "comments");
    }

    @Test
    void generatedTablesCarryEveryForeignKeyOfTheDomain() {
        Set<String> edges = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .flatMap(t -> t.getReferences().stream())
                .map(GeneratedSchemaTest::describe)
                .collect(Collectors.toSet());
        assertThat(edges).containsExactlyInAnyOrder(
                "memberships(organization_id) -> organizations(id)",
                "memberships(user_id) -> users(id)",
                "invoices(organization_id) -> organizations(id)",
                "invoices(assigned_to_id) -> users(id)",
                "invoices(created_by_id) -> users(id)",
                "invoice_line_items(invoice_id) -> invoices(id)",
                "invoice_tags(invoice_id) -> invoices(id)",
                "invoice_tags(tag_id) -> tags(id)",
                "comments(invoice_id) -> invoices(id)",
                "comments(parent_id) -> comments(id)",
                "comments(author_id) -> users(id)");
    }

    @Test
    void junctionHasACompositePrimaryKeyOfBothForeignKeys() {
        assertThat(INVOICE_TAGS.getPrimaryKey().getFields()).containsExactly(INVOICE_TAGS.INVOICE_ID, INVOICE_TAGS.TAG_ID);
    }

    @Test
    void liveDatabaseMatchesTheGeneratedClasses() {
        List<String> live = DB.dsl().meta().getSchemas("public").get(0).getTables().stream()
                .map(Table::getName).filter(n -> !n.equals("flyway_schema_history")).sorted().toList();
        assertThat(live).containsExactlyInAnyOrderElementsOf(
                List.of(ORGANIZATIONS, USERS, MEMBERSHIPS, INVOICES, INVOICE_LINE_ITEMS, TAGS, INVOICE_TAGS, COMMENTS)
                        .stream().map(Table::getName).toList());
    }

    private static String describe(ForeignKey<?, ?> fk) {
        return fk.getTable().getName() + "(" + names(fk.getFields()) + ") -> " + fk.getKey().getTable().getName() + "("
                + names(fk.getKeyFields()) + ")";
    }

    private static String names(List<? extends org.jooq.Field<?>> fields) {
        return fields.stream().map(org.jooq.Field::getName).collect(Collectors.joining(", "));
    }
}

package io.jooqrelations.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.relations.Relation;
import io.jooqrelations.relations.Relations;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relations graph generated from the foreign keys of the example domain and of the real-world schema: it compiles,
 * loads, and is the hand-written graph relation by relation (except the listed differences) or covers every key.
 */
class GeneratedRelationsTest {

    /** schema-sql's migrations and hand-written graph, read from the sibling module (the plugin cannot depend on it). */
    private static final Path SCHEMA_SQL = Path.of("..", "schema-sql").toAbsolutePath().normalize();

    @Test
    void theExampleDomainsGeneratedGraphIsAppRelationsExceptTheFilterAndTheJunctionsOwnRelations(@TempDir Path work)
            throws Exception {
        Path out = work.resolve("src");
        Generator generator = new Generator()
                .withDatabase(new Database().withInputSchema("public").withOutputSchemaToDefault(true))
                .withGenerate(new Generate().withPojos(false).withJavaTimeTypes(true).withGeneratedAnnotation(false))
                .withTarget(new Target().withPackageName("io.jooqrelations.schema").withDirectory(out.toString()));
        // the three names the rules cannot know (AppRelations' own words), as a user renames them
        RelationsConfiguration relations = new RelationsConfiguration()
                .rename("invoices.assignedTo", "assignee")
                .rename("invoices.createdBy", "creator")
                .rename("comments.children", "replies");
        List<String> warnings = new ArrayList<>();

        CodegenRun.generate(List.of("filesystem:" + SCHEMA_SQL.resolve("src/main/resources/db/migration")), generator,
                DatabaseChoice.embedded(), relations, warnings::add, System.out::println);

        String source = Files.readString(out.resolve("io/jooqrelations/schema/GeneratedRelations.java"));
        assertThat(source).contains("public static final io.jooqrelations.relations.One<"
                + "io.jooqrelations.schema.tables.records.InvoicesRecord, io.jooqrelations.schema.tables.records"
                + ".OrganizationsRecord> ORGANIZATION =");
        assertThat(warnings).isEmpty();
        try (URLClassLoader loader = CompiledSources.compile(out, work.resolve("classes"),
                SCHEMA_SQL.resolve("src/main/java/io/jooqrelations/example/AppRelations.java"))) {
            Relations generated = CompiledSources.staticField(loader, "io.jooqrelations.schema.GeneratedRelations", "RELATIONS");
            Relations handWritten = CompiledSources.staticField(loader, "io.jooqrelations.example.AppRelations", "RELATIONS");
            // a nested class per table: GeneratedRelations.Invoices.ORGANIZATION is the graph's invoices.organization
            Object handle = CompiledSources.staticField(loader, "io.jooqrelations.schema.GeneratedRelations$Invoices",
                    "ORGANIZATION");
            assertThat(handle.toString()).isEqualTo("invoices.organization (one organizations)");

            Map<String, String> gen = signatures(generated);
            Map<String, String> hand = signatures(handWritten);
            // what only a human knows: the predefined filter (a hand-written line over the generated graph)
            assertThat(minus(hand, gen)).containsExactly("organizations.openInvoices");
            // the junction's own relations: AppRelations only goes through invoice_tags, the generator also relates to it
            assertThat(minus(gen, hand)).containsExactly("invoice_tags.invoice", "invoice_tags.tag",
                    "invoices.invoiceTags", "tags.invoiceTags");
            // every other relation: same kind, target, join columns, junction and optionality
            for (String name : gen.keySet()) {
                if (hand.containsKey(name)) {
                    assertThat(gen.get(name)).as(name).isEqualTo(hand.get(name));
                }
            }
            assertThat(generated.coverage().isComplete()).as(generated.coverage().toString()).isTrue();
            assertThat(generated.coverage().relationsWithoutForeignKey()).isEmpty();
        }
    }

    @Test
    void theRealWorldSchemaGeneratesCompilesAndCoversEveryForeignKeyWithNoHandWrittenLine(@TempDir Path work)
            throws Exception {
        Path out = work.resolve("src");
        Generator generator = new Generator()
                .withDatabase(new Database().withSchemata(new SchemaMappingType().withInputSchema("crm"),
                        new SchemaMappingType().withInputSchema("auth")))
                .withGenerate(new Generate().withPojos(false).withJavaTimeTypes(true).withGeneratedAnnotation(false)
                        .withImplicitJoinPathsToOne(false).withImplicitJoinPathsToMany(false))
                .withTarget(new Target().withPackageName("io.jooqrelations.realworld").withDirectory(out.toString()));
        List<String> warnings = new ArrayList<>();

        CodegenRun.generate(List.of("filesystem:" + SCHEMA_SQL.resolve("src/main/resources/db/realworld")), generator,
                DatabaseChoice.embedded(), new RelationsConfiguration(), warnings::add, System.out::println);

        assertThat(warnings).isEmpty();
        try (URLClassLoader loader = CompiledSources.compile(out, work.resolve("classes"))) {
            Relations graph = CompiledSources.staticField(loader, "io.jooqrelations.realworld.GeneratedRelations", "RELATIONS");
            assertThat(graph.coverage().isComplete()).as(graph.coverage().toString()).isTrue();
            assertThat(graph.coverage().relationsWithoutForeignKey()).isEmpty();
            System.out.println(graph.allRelations().stream().map(Relation::toString).collect(Collectors.joining("\n")));
            assertThat(signatures(graph)).containsOnlyKeys(
                    "auth.accounts.crmAccount", "auth.accounts.followed",
                    "auth.accounts.followedFollows", "auth.accounts.followerFollows", "auth.accounts.followers",
                    "auth.accounts.managerCustomers", "auth.accounts.ownerCustomers", "auth.accounts.tenant",
                    "auth.follows.followed", "auth.follows.follower",
                    "crm.Customers.manager", "crm.Customers.orders", "crm.Customers.owner", "crm.Customers.tenant",
                    "crm.Order Lines.order", "crm.Orders.customer", "crm.Orders.lines",
                    "crm.accounts.accounts", "crm.accounts.tenant",
                    "crm.tenants.authAccounts", "crm.tenants.crmAccounts", "crm.tenants.customers",
                    "crm.tree.children", "crm.tree.parent");
            // the self-referencing many-to-many: who I follow, who follows me, both through auth.follows
            assertThat(signatures(graph).get("auth.accounts.followers"))
                    .isEqualTo("many auth.accounts [id] -> [id] through auth.follows [followed_id] / [follower_id] optional");
            // the composite key, and the key to a UNIQUE non-key column, with explicit columns
            assertThat(signatures(graph).get("crm.Order Lines.order"))
                    .isEqualTo("one crm.Orders [customer_id, order_no] -> [customer_id, order] required");
            assertThat(signatures(graph).get("crm.Customers.owner"))
                    .isEqualTo("one auth.accounts [owner_login] -> [login] optional");
        }
    }

    /** Each relation as {@code table.name} → what it walks (kind, target, join columns, junction, optionality, filter). */
    static Map<String, String> signatures(Relations graph) {
        Map<String, String> all = new TreeMap<>();
        for (Relation r : graph.allRelations()) {
            all.put(r.qualifiedName(), r.kind().name().toLowerCase() + " " + display(r.target()) + " "
                    + names(r.sourceColumns()) + " -> " + names(r.targetColumns())
                    + r.junction().map(j -> " through " + display(j) + " " + names(r.junctionSourceColumns()) + " / "
                            + names(r.junctionTargetColumns())).orElse("")
                    + (r.optional() ? " optional" : " required") + r.filter().map(f -> " where " + f).orElse(""));
        }
        return all;
    }

    private static List<String> minus(Map<String, String> a, Map<String, String> b) {
        return a.keySet().stream().filter(k -> !b.containsKey(k)).sorted().collect(Collectors.toList());
    }

    private static String display(Table<?> table) {
        String schema = table.getSchema() == null ? "" : table.getSchema().getName();
        return schema.isEmpty() || schema.equals("public") ? table.getName() : schema + "." + table.getName();
    }

    private static String names(List<? extends TableField<?, ?>> columns) {
        return columns.stream().map(TableField::getName).collect(Collectors.toList()).toString();
    }
}

package io.jooqrelations.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.test.MigratedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoScenariosTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    static final SqlCapture CAPTURE = new SqlCapture();
    static DSLContext dsl;

    @BeforeAll
    static void seed() {
        dsl = DSL.using(DB.dsl().configuration().derive(new DefaultExecuteListenerProvider(CAPTURE)));
        DemoSeed.load(dsl, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String run(String scenario, Long id) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DemoRunner runner = new DemoRunner(dsl, CAPTURE, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        List<String> statements = runner.run(Scenarios.named(scenario).orElseThrow(), id);
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(statements).as("statements of " + scenario).hasSize(Scenarios.named(scenario).orElseThrow().statements());
        assertThat(output).contains("--- SQL (" + statements.size() + " statement");
        return output;
    }

    @Test
    void invoiceDetailPrintsTheReadOneStatementAndTheNestedJson() {
        String output = run("invoice", 1L);
        assertThat(output).contains("=== invoice: Invoice detail page", ".with(LINE_ITEMS, li -> li.orderBy(",
                "\"number\": \"ACM-001\"", "\"lineItems\": [", "\"tags\": [", "\"name\": \"urgent\"",
                "\"organization\": {", "\"name\": \"Acme Corp\"", "\"assignee\": ", "\"creator\": ");
    }

    @Test
    void dashboardShowsLatestThreeInvoicesWithLineItemsAndMembersWithRoles() {
        String output = run("dashboard", 2L);
        assertThat(output).contains("\"name\": \"Globex\"", "\"invoices\": [", "\"memberships\": [", "\"role\": \"owner\"",
                "\"user\": {", "\"displayName\": ");
        assertThat(output.split("\"number\": ").length - 1).isEqualTo(3);
    }

    @Test
    void threadNestsRepliesThreeLevelsDeep() {
        String output = run("thread", 1L);
        assertThat(output).contains("Can we split this into two payments?", "Yes, 50% now and 50% on delivery.",
                "Works for us, thanks!", "\"replies\": [");
    }

    @Test
    void urgentListsOnlyInvoicesCarryingTheUrgentTagThroughExists() {
        String output = run("urgent", null);
        assertThat(output).contains("exists (select 1 from \"tags\" join \"invoice_tags\"", "\"number\": \"ACM-001\"");
    }

    @Test
    void silentGapShowsTheErrorAndTheCoverageGapInsteadOfAnEmptyField() {
        String output = run("silent-gap", null);
        assertThat(output).contains("UnknownRelationException: Table invoices has no relation 'tags'. Its relations are: "
                + "lineItems.", "foreign key invoice_tags(invoice_id) -> invoices(id): no relation walks it");
    }

    @Test
    void statsCountSumAndOrderByRelatedRowsInOneStatement() {
        String output = run("stats", 1L);
        assertThat(output).contains("\"lineItemsCount\": ", "\"lineItemsTotal\": ", "\"urgent\": ", "\"assigneeName\": ");
    }

    @Test
    void pageShowsTwoPagesLinkedByAnOpaqueCursor() {
        String output = run("page", 1L);
        assertThat(output).contains("page 1:", "page 2 (after k1", "next cursor: k1");
    }

    @Test
    void treePrintsTheWholeThreadFromOneRecursiveStatement() {
        String output = run("tree", 1L);
        assertThat(output).contains("with recursive", "- #1 Can we split this into two payments?",
                "    - #3 Works for us, thanks!");
    }

    @Test
    void tenantScopedReadShowsOnlyTheTenantsMembershipsAndCounts() {
        String output = run("tenant", 2L);
        assertThat(output).contains("\"name\": \"Globex\"").doesNotContain("\"name\": \"Acme Corp\"");
    }

    @Test
    void unknownIdIsAClearError() {
        DemoRunner runner = new DemoRunner(dsl, CAPTURE, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThatThrownBy(() -> runner.run(Scenarios.named("invoice").orElseThrow(), 999L))
                .isInstanceOf(DemoRunner.UnknownIdException.class)
                .hasMessage("No invoice with id 999 in the demo data; try 1..40.");
    }

    // tag::coverage-assertion[]
    @Test
    void appRelationsCoverEveryForeignKeyOfTheSchema() {
        AppRelations.RELATIONS.coverage().assertComplete();
        // end::coverage-assertion[]
    }

    @Test
    void helpListsEveryScenarioAndBadArgumentsExitWithUsageBeforeStartingADatabase() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(DemoMain.run(new String[] {"--help"}, o, e)).isEqualTo(DemoMain.OK);
        Scenarios.ALL.forEach(s -> assertThat(out.toString(StandardCharsets.UTF_8)).contains("  " + s.name() + " "));
        assertThat(DemoMain.run(new String[] {"invoices"}, o, e)).isEqualTo(DemoMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown scenario 'invoices'.");
        assertThat(DemoMain.run(new String[] {"invoice", "x"}, o, e)).isEqualTo(DemoMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The id must be a number, got 'x'.");
        assertThat(DemoMain.run(new String[] {"--db=oracle", "invoice"}, o, e)).isEqualTo(DemoMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown database 'oracle': use --db=postgres, --db=mariadb, --db=mysql or --db=sqlite.");
    }

    @Test
    void prettyJsonKeepsValuesAndEscapesExactly() {
        assertThat(PrettyJson.format("{\"a\" : [1, 2.50], \"b\" : \"x, \\\"y\\\" : {z}\", \"c\" : [], \"d\" : {}}"))
                .isEqualTo("{\n  \"a\": [\n    1,\n    2.50\n  ],\n  \"b\": \"x, \\\"y\\\" : {z}\",\n  \"c\": [],\n  \"d\": {}\n}");
    }
}

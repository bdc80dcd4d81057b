package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.query.ExampleData.INV_1;
import static io.jooqrelations.query.ExampleData.INV_2;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.ReadyDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonReadsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.MARIADB}, because = "it compares exact JSON text, and SQLite writes numeric(12, 2) values as numbers (1250.5)")
    @Test
    void findFirstJsonBuildsTheWholeTreeInPostgresqlWithCamelCaseKeysInOneStatement() {
        DB.counter().reset();
        String json = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .columns(INVOICES.ID, INVOICES.NUMBER, INVOICES.TOTAL, INVOICES.ORGANIZATION_ID)
                .with("lineItems", li -> li.columns(INVOICE_LINE_ITEMS.POSITION, INVOICE_LINE_ITEMS.UNIT_PRICE)
                        .orderBy(INVOICE_LINE_ITEMS.POSITION.desc()))
                .with("tags", t -> t.columns(TAGS.NAME).orderBy(TAGS.NAME))
                .with("assignee", a -> a.columns(io.jooqrelations.schema.Tables.USERS.DISPLAY_NAME))
                .findFirstJson().orElseThrow();

        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(json.replace(" ", "")).isEqualTo("{\"id\":1,\"organizationId\":1,\"number\":\"A-001\",\"total\":1250.50,"
                + "\"lineItems\":[{\"position\":3,\"unitPrice\":100.00},{\"position\":2,\"unitPrice\":150.00},"
                + "{\"position\":1,\"unitPrice\":400.50}],\"tags\":[{\"name\":\"q3\"},{\"name\":\"urgent\"}],"
                + "\"assignee\":{\"displayName\":\"Ada\"}}");
    }

    @Test
    void emptyToManyIsAnEmptyArrayAndMissingToOneIsNull() {
        String json = DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_2)).columns(INVOICES.ID)
                .with("lineItems").with("assignee").findFirstJson().orElseThrow();
        assertThat(json.replace(" ", "")).isEqualTo("{\"id\":2,\"lineItems\":[],\"assignee\":null}");
    }

    @Test
    void findManyJsonIsAnOrderedArrayAndEmptyWhenNothingMatches() {
        String json = DB.get().from(INVOICES).columns(INVOICES.NUMBER).orderBy(INVOICES.NUMBER.desc()).findManyJson();
        assertThat(json.replace(" ", "")).isEqualTo("[{\"number\":\"G-001\"},{\"number\":\"A-002\"},{\"number\":\"A-001\"}]");
        assertThat(DB.get().from(INVOICES).where(INVOICES.ID.eq(-1L)).findManyJson()).isEqualTo("[]");
    }

    @Test
    void columnNameKeysAreConfigurable() {
        String json = DB.get().withJsonKeys(JsonKeys.COLUMN_NAMES).from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .columns(INVOICES.ORGANIZATION_ID).findFirstJson().orElseThrow();
        assertThat(json.replace(" ", "")).isEqualTo("{\"organization_id\":1}");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void selfReferencingThreadRendersNestedArrays() {
        String json = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L)).columns(COMMENTS.BODY)
                .with("replies", r -> r.columns(COMMENTS.BODY).orderBy(COMMENTS.ID)
                        .with("replies", rr -> rr.columns(COMMENTS.BODY)))
                .findFirstJson().orElseThrow();
        assertThat(json.replace(" ", "")).isEqualTo("{\"body\":\"Canwesplitthis?\",\"replies\":[{\"body\":\"Yes,intwo.\","
                + "\"replies\":[{\"body\":\"Thanks!\"}]},{\"body\":\"Metoo\",\"replies\":[]}]}");
    }

    @Test
    void statementsShowExactlyWhatEachFormSends() {
        java.util.function.Supplier<Read<?>> read = () -> DB.get().from(INVOICES).where(INVOICES.ID.eq(INV_1))
                .with("lineItems", li -> li.orderBy(INVOICE_LINE_ITEMS.POSITION)).with("tags");
        ReadStatements statements = read.get().statements();
        java.util.Map<String, Runnable> forms = new java.util.LinkedHashMap<>();
        forms.put(statements.findMany(), () -> read.get().findMany());
        forms.put(statements.findFirst(), () -> read.get().findFirst());
        forms.put(statements.findManyJson(), () -> read.get().findManyJson());
        forms.put(statements.findFirstJson(), () -> read.get().findFirstJson());
        assertThat(forms).hasSize(4);   // four different statements
        forms.forEach((sql, form) -> {
            DB.counter().reset();
            form.run();
            assertThat(DB.counter().statements()).containsExactly(sql);
        });
        ReadStatements inlined = read.get().inlinedStatements();
        assertThat(inlined.findManyJson()).contains("= " + INV_1).doesNotContain("?");
        assertThat(inlined.toString()).contains("-- findFirstJson\n" + inlined.findFirstJson() + ";");
    }

    @RunsOn(value = DialectChoice.POSTGRES, because = "LATERAL is PostgreSQL's")
    @Test
    void aToOneWithRelationsOfItsOwnIsJoinedLateralInJsonAsInTypedReadsUnlessItsLevelIsLimited() {
        java.util.function.Supplier<Read<?>> read = () -> DB.get().from(COMMENTS).orderBy(COMMENTS.ID)
                .columns(COMMENTS.ID).with("invoice", i -> i.columns(INVOICES.NUMBER).with("organization"));
        ReadStatements sql = read.get().statements();
        assertThat(sql.findMany()).contains("left outer join lateral");
        // one shape decided once: the JSON statement joins the to-one as the typed one does
        assertThat(sql.findManyJson()).contains("left outer join lateral");
        // a limited level builds its objects after its sort and limit, which a lateral join would run before
        assertThat(sql.findFirstJson()).doesNotContain("lateral");
        assertThat(read.get().findManyJson()).startsWith("[" + read.get().findFirstJson().orElseThrow());
    }
}

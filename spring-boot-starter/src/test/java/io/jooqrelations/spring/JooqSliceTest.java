package io.jooqrelations.spring;

import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.ReadStrategy;
import io.jooqrelations.test.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;

/**
 * Inside a {@code @JooqTest} slice the starter's NestedReads is there, and a read sees the rows the test's own
 * (rolled back) transaction wrote: it runs on the transaction's connection.
 */
@JooqTest
class JooqSliceTest extends OnMigratedDatabase {

    @Autowired
    StatementCounter counter;

    @Test
    void aReadInsideTheTestTransactionSeesItsUncommittedRowsInOneStatement() {
        long org = organization("Slice Org", "slice");
        dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER).values(org, "S-1").values(org, "S-2").execute();

        counter.reset();
        String json = reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).columns(ORGANIZATIONS.SLUG)
                .with("invoices", i -> i.columns(INVOICES.NUMBER).orderBy(INVOICES.NUMBER)).findFirstJson().orElseThrow();

        assertThat(json.replace(" ", "")).isEqualTo("{\"slug\":\"slice\",\"invoices\":[{\"number\":\"S-1\"},{\"number\":\"S-2\"}]}");
        assertThat(counter.count()).isEqualTo(1);

        // one statement per level inside the caller's transaction: no transaction of its own, same uncommitted rows
        assertThat(reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).with("invoices")
                .strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst().orElseThrow().many("invoices")).hasSize(2);
    }
}

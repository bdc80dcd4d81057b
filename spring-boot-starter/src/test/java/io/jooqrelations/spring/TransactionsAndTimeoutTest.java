package io.jooqrelations.spring;

import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole application: reads join Spring's transactions, and the timeout property cancels a slow read. */
@SpringBootTest(properties = "jooq.relations.statement-timeout=1s")
class TransactionsAndTimeoutTest extends OnMigratedDatabase {

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aReadInsideATransactionSeesItsWritesAndNothingIsLeftAfterRollback() {
        long org = transactions.execute(status -> {
            long id = organization("Tx Org", "tx");
            dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER).values(id, "T-1").execute();
            assertThat(reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(id)).with("invoices").findFirst()
                    .orElseThrow().many("invoices")).hasSize(1);
            status.setRollbackOnly();
            return id;
        });
        assertThat(reads.from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).findFirstJson()).isEmpty();
    }

    @Test
    void theStatementTimeoutPropertyCancelsASlowRead() {
        organization("Slow Org", "slow");
        long start = System.nanoTime();
        assertThatThrownBy(() -> reads.from(ORGANIZATIONS).extra("slow", DSL.field("pg_sleep(5)::text", String.class))
                .findManyJson())
                .isInstanceOf(io.jooqrelations.query.ReadTimeoutException.class)
                .hasRootCauseMessage("ERROR: canceling statement due to user request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
}

package io.jooqrelations.spring;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.query.NestedReads;
import io.jooqrelations.query.ReadCancelledException;
import io.jooqrelations.query.ReadDataException;
import io.jooqrelations.relations.Relations;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Spring Boot's jOOQ auto-configuration turns SQL errors into Spring's own {@code DataAccessException}s before the
 * library sees them: the library's exceptions must come out all the same (the same as without Spring).
 */
@SpringBootTest
class SpringExceptionTranslationTest extends OnMigratedDatabase {

    @Test
    void aRequiredToOneWithoutARowIsAReadDataExceptionInJsonReadsToo() {
        long org = organization("Strict", "strict");
        long invoice = dsl.insertInto(INVOICES, INVOICES.ORGANIZATION_ID, INVOICES.NUMBER).values(org, "X-1")
                .returning(INVOICES.ID).fetchOne().getId();
        Relations strict = Relations.define(r -> r.table(INVOICES)
                .one("assignee", USERS, from(INVOICES.ASSIGNED_TO_ID).to(USERS.ID).optional(false)));

        assertThatThrownBy(() -> NestedReads.using(dsl, strict).from(INVOICES).where(INVOICES.ID.eq(invoice))
                .columns(INVOICES.ID).with("assignee").findFirstJson())
                .isInstanceOf(ReadDataException.class)
                .hasMessageStartingWith("Relation invoices.assignee is declared optional(false), but the invoices row");
    }

    @Test
    void aValueItsConverterRefusesIsAReadDataExceptionWithoutTheSql() {
        long org = organization("Converted", "converted");
        org.jooq.Field<String> refused = ORGANIZATIONS.SLUG.convertFrom(slug -> {
            throw new IllegalArgumentException("no slug reads as " + slug);
        });

        assertThatThrownBy(() -> NestedReads.using(dsl, io.jooqrelations.example.AppRelations.RELATIONS)
                .from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).extra("refused", refused).findMany())
                .isInstanceOf(ReadDataException.class)
                .hasMessageContaining("no slug reads as converted").hasMessageNotContaining("select");
    }

    @Test
    void anInterruptedReadIsAReadCancelledException() throws Exception {
        organization("Slow", "slow-cancel");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Future<?> future = executor.submit(() -> {
                try {
                    started.countDown();
                    reads.from(ORGANIZATIONS).extra("slow", DSL.field("pg_sleep(30)::text", String.class)).findMany();
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    ended.countDown();
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500);   // let the statement reach the database
            future.cancel(true);
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(ReadCancelledException.class)
                    .hasMessageStartingWith("The read was cancelled");
        } finally {
            executor.shutdownNow();
        }
    }
}

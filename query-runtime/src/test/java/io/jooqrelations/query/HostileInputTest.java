package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.query.internal.DialectSupport;
import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.InvalidRelationsException;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.RelationsException;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostileInputTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();

    static final List<String> INJECTIONS = List.of("'; drop table invoices; --", "\" or 1=1 --", "1) or (1=1",
            "$$; delete from tags; $$", "\\'; select pg_sleep(10); --", "{0}", "?", "x\u0000y", "🙂'\"`;");

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    @Test
    void injectionStringsInValuesAreBoundAtEveryLevelAndMatchNothing() {
        for (String hostile : INJECTIONS.stream().filter(s -> !s.contains("\u0000")).toList()) {
            assertThat(DB.get().from(INVOICES).where(INVOICES.NUMBER.eq(hostile))
                    .with("tags", t -> t.where(TAGS.NAME.eq(hostile)))
                    .whereHasNo("tags", t -> t.where(TAGS.NAME.eq(hostile)))
                    .findMany()).isEmpty();
            assertThat(DB.get().from(TAGS).where(TAGS.NAME.eq(hostile)).findManyJson()).isEqualTo("[]");
            String sql = DB.get().from(INVOICES).where(INVOICES.NUMBER.eq(hostile)).toSQL();
            if (!hostile.equals("?")) {
                assertThat(sql).doesNotContain(hostile);
            }
        }
        assertThat(DB.dsl().fetchCount(INVOICES)).isEqualTo(3);
        assertThat(DB.dsl().fetchCount(TAGS)).isEqualTo(3);
    }

    @Test
    void hostileStoredTextComesBackUnchangedInNodesAndJson() {
        DB.dsl().insertInto(TAGS, TAGS.NAME).values("'; drop table invoices; --\"}]").execute();
        String json = DB.get().from(TAGS).where(TAGS.NAME.like("'%")).columns(TAGS.NAME).findManyJson();
        assertThat(json.replace(" ", "")).isEqualTo("[{\"name\":\"';droptableinvoices;--\\\"}]\"}]");
        assertThat(DB.get().from(TAGS).where(TAGS.NAME.like("'%")).findFirst().orElseThrow().record().get(TAGS.NAME))
                .isEqualTo("'; drop table invoices; --\"}]");
        DB.dsl().deleteFrom(TAGS).where(TAGS.NAME.like("'%")).execute();
    }

    @Test
    void relationNamesFromUserInputAreRejectedBeforeAnythingRuns() {
        for (String hostile : INJECTIONS) {
            assertThatThrownBy(() -> DB.get().from(INVOICES).with(hostile).findMany()).isInstanceOf(RelationsException.class)
                    .hasMessageStartingWith("Table invoices has no relation '");
            assertThatThrownBy(() -> DB.get().from(INVOICES).whereHas(hostile)).isInstanceOf(RelationsException.class);
            assertThatThrownBy(() -> DB.get().from(INVOICES).withCount(hostile)).isInstanceOf(RelationsException.class);
            assertThatThrownBy(() -> DB.get().from(INVOICES).extra(hostile, INVOICES.TOTAL)).isInstanceOf(RelationsException.class);
        }
        // a real relation, but of another table: also rejected
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("memberships")).isInstanceOf(RelationsException.class);
        assertThat(DB.counter().count()).isZero();
    }

    @Test
    void hostileRelationAndAliasNamesInDeclarationsAreRejected() {
        for (String hostile : INJECTIONS) {
            assertThatThrownBy(() -> Relations.define(r -> r.table(INVOICES).one(hostile, ORGANIZATIONS,
                    from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID))))
                    .isInstanceOf(InvalidRelationsException.class).hasMessageContaining("is not a valid identifier");
            assertThatThrownBy(() -> Relations.define(r -> r.table(INVOICES).one("organization", ORGANIZATIONS,
                    from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID).alias(hostile))))
                    .isInstanceOf(InvalidRelationsException.class).hasMessageContaining("is not a valid identifier");
        }
    }

    @Test
    void limitsAndOffsetsAreWrittenAsNumbersAndHugeValuesWork() {
        assertThat(DB.get().from(INVOICES).limit(Integer.MAX_VALUE).offset(Integer.MAX_VALUE).findMany()).isEmpty();
        if (DialectSupport.of(DB.dialect()).supports(DialectSupport.Feature.NESTED_LIMIT)) {
            assertThat(DB.get().from(INVOICES).with("lineItems", li -> li.limit(Integer.MAX_VALUE)).findMany()).hasSize(3);
        }
        // ints, so written into the SQL (the read's shape, see StatementCachingTest), never text from the caller
        assertThat(DB.get().from(INVOICES).limit(2).toSQL())
                .contains(TestDialect.current() == DialectChoice.SQLITE ? "limit 2" : "fetch next 2 rows only");
        assertThat(DB.get().from(INVOICES).limit(2).bindValues()).isEmpty();
    }

    @Test
    void wideReadsHaveNoWidthLimitOnAnyBackEnd() {
        Read<?> wide = DB.get().from(USERS).orderBy(USERS.ID);
        for (int i = 0; i < 120; i++) {
            wide.extra("e" + i, USERS.ID.plus(i));
        }
        wide.with("createdInvoices", i -> {
            i.orderBy(INVOICES.ID).with("organization");
            for (int k = 0; k < 230; k++) {
                i.extra("y" + k, INVOICES.ID.plus(k));
            }
        });
        List<? extends Node<?>> rows = wide.findMany();
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).extra("e119")).isEqualTo(rows.get(0).record().get(USERS.ID) + 119);
        Node<?> invoice = rows.get(0).many("createdInvoices").get(0);
        assertThat(invoice.extra("y229")).isEqualTo(invoice.record().get(INVOICES.ID) + 229);
        assertThat(invoice.one("organization").orElseThrow().record().get("slug")).isEqualTo("acme");
        assertThat(QueryPerLevelStrategyTest.normalize(wide.strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(rows));
        String json = wide.strategy(ReadStrategy.SINGLE_STATEMENT).findManyJson();
        assertThat(json.replace(" ", "")).contains("\"e118\":" + (ExampleData.ADA + 118) + ",\"e119\":"
                + (ExampleData.ADA + 119) + ",\"createdInvoices\":[{\"id\":" + ExampleData.INV_2 + ",");
        assertThat(new DifferentialReads.Json(json).parse()).asList().hasSize(3);
    }

    @Test
    void nullsEverywhereAreTheProjectsException() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).where((org.jooq.Condition[]) null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).columns((org.jooq.TableField<?, ?>[]) null))
                .isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).with("tags", null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).whereHas("tags", null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).extra("x", (Related) null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).orderBy((Related) null, org.jooq.SortOrder.ASC))
                .isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).strategy(null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).findMany(null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().withJsonKeys(null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().scopedTo(null, 1L)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> Related.count((String) null)).isInstanceOf(RelationsException.class);
        assertThatThrownBy(() -> DB.get().from(INVOICES).where(INVOICES.ID.eq(DSL.param("id", Long.class))).prepare()
                .findMany(null)).isInstanceOf(RelationsException.class);
        assertThat(DB.counter().count()).isZero();
    }
}

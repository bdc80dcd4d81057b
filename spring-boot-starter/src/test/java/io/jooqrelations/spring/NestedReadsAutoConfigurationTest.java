package io.jooqrelations.spring;

import static io.jooqrelations.schema.Tables.INVOICES;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.JitGuard;
import io.jooqrelations.query.NestedReads;
import io.jooqrelations.relations.Relations;
import io.jooqrelations.example.AppRelations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the bean appears, how the properties shape it, and when it backs off. No database: reads are only planned. */
class NestedReadsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NestedReadsAutoConfiguration.class))
            .withBean(DSLContext.class, () -> DSL.using(SQLDialect.POSTGRES));

    @Test
    void aDslContextAndARelationsBeanGiveANestedReadsBeanWithTheDefaults() {
        runner.withBean(Relations.class, () -> AppRelations.RELATIONS).run(context -> {
            NestedReads reads = context.getBean(NestedReads.class);
            assertThat(reads.relations()).isSameAs(AppRelations.RELATIONS);
            var statements = reads.from(INVOICES).columns(INVOICES.ISSUED_ON).statements();
            assertThat(statements.findMany()).isNotNull();                     // single statement
            assertThat(statements.findManyJson()).contains("'issuedOn'");      // camelCase keys
            assertThat(reads.jitGuard()).isEqualTo(JitGuard.AUTO);
        });
    }

    @Test
    void propertiesSetTheJsonKeysTheStrategyTheTimeoutAndTheJitGuard() {
        runner.withBean(Relations.class, () -> AppRelations.RELATIONS)
                .withPropertyValues("jooq.relations.json-keys=column-names", "jooq.relations.strategy=query-per-level",
                        "jooq.relations.statement-timeout=3s", "jooq.relations.jit-guard=always")
                .run(context -> {
                    RelationsProperties properties = context.getBean(RelationsProperties.class);
                    assertThat(properties.statementTimeout()).hasSeconds(3);
                    var statements = context.getBean(NestedReads.class).from(INVOICES).columns(INVOICES.ISSUED_ON)
                            .statements();
                    assertThat(statements.findMany()).isNull();                 // one statement per level
                    assertThat(statements.findManyJson()).contains("'issued_on'");
                    assertThat(context.getBean(NestedReads.class).jitGuard()).isEqualTo(JitGuard.ALWAYS);
                });
    }

    @Test
    void aMistypedPropertyValueStopsTheApplicationNamingTheProperty() {
        runner.withBean(Relations.class, () -> AppRelations.RELATIONS)
                .withPropertyValues("jooq.relations.strategy=fastest")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("fastest"));
        runner.withBean(Relations.class, () -> AppRelations.RELATIONS)
                .withPropertyValues("jooq.relations.statement-timeout=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessage("jooq.relations.statement-timeout must be positive (whole seconds, "
                                + "rounded up), got PT0S; leave it out for no timeout."));
    }

    @Test
    void withoutARelationsBeanThereIsNoNestedReadsBean() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NestedReads.class));
    }

    @Test
    void twoRelationsGraphsWithoutAPrimaryOneGiveNoBeanInsteadOfAnAmbiguousInjection() {
        Relations other = Relations.define(r -> r.table(INVOICES));
        runner.withBean("first", Relations.class, () -> AppRelations.RELATIONS)
                .withBean("second", Relations.class, () -> other)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NestedReads.class));
        runner.withBean("first", Relations.class, () -> AppRelations.RELATIONS, d -> d.setPrimary(true))
                .withBean("second", Relations.class, () -> other)
                .run(context -> assertThat(context.getBean(NestedReads.class).relations()).isSameAs(AppRelations.RELATIONS));
    }

    @Test
    void theApplicationsOwnNestedReadsWins() {
        NestedReads own = NestedReads.using(DSL.using(SQLDialect.POSTGRES), AppRelations.RELATIONS);
        runner.withBean(Relations.class, () -> AppRelations.RELATIONS).withBean(NestedReads.class, () -> own)
                .run(context -> assertThat(context.getBean(NestedReads.class)).isSameAs(own));
    }
}

package io.jooqrelations.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** A rendered statement cut at its parameters writes out the same SQL, with whatever parameters it is given. */
class SqlTemplateTest {

    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES);

    private Select<?> query(Param<Long> id, Param<String> name) {
        // a '?' inside a string literal and a cast around a parameter, which a plain SQL string parser must get right
        return dsl.select(DSL.inline("what?").as("q"), DSL.field("x", SQLDataType.BIGINT).plus(id).as("sum"))
                .from(DSL.table("t"))
                .where(DSL.field("n", SQLDataType.VARCHAR).eq(name).and(DSL.field("m", SQLDataType.BIGINT).eq(id)));
    }

    @Test
    void theTemplateWritesTheSameSqlAndBindsTheNewValuesInOrder() {
        RenderedStatement rendered = RenderedStatement.render(dsl, query(DSL.val(1L), DSL.val("a")));
        assertThat(rendered.sql()).contains("'what?'").contains("?");
        assertThat(rendered.templated()).isTrue();

        Param<?>[] others = {DSL.val(7L), DSL.val("it's"), DSL.val(7L)};
        assertThat(rendered.placeholders()).hasSize(3);
        org.jooq.ResultQuery<?> again = rendered.query(dsl, others);

        assertThat(dsl.render(again)).isEqualTo(rendered.sql());
        assertThat(dsl.extractBindValues(again)).containsExactly(7L, "it's", 7L);
        assertThat(dsl.renderInlined(again)).contains("= 'it''s'").contains("+ 7");
    }

    @Test
    void aStatementWithThousandsOfValuesIsLeftToJooqsOwnParsing() {
        List<Long> ids = java.util.stream.LongStream.range(0, SqlTemplate.MAX_PARAMETERS + 1).boxed().toList();
        RenderedStatement rendered = RenderedStatement.render(dsl,
                dsl.select(DSL.field("x")).from(DSL.table("t")).where(DSL.field("id", SQLDataType.BIGINT).in(ids)));
        assertThat(rendered.templated()).isFalse();
        assertThat(rendered.placeholders()).hasSize(ids.size());
        org.jooq.ResultQuery<?> again = rendered.query(dsl, rendered.placeholders().toArray(new Param<?>[0]));
        assertThat(dsl.render(again)).isEqualTo(rendered.sql());
        assertThat(dsl.extractBindValues(again)).hasSize(ids.size()).startsWith(0L, 1L);
    }

    @Test
    void aStatementWithoutParametersIsOneText() {
        RenderedStatement rendered = RenderedStatement.render(dsl, dsl.select(DSL.inline(1)).from(DSL.table("t")));
        assertThat(rendered.templated()).isTrue();
        assertThat(dsl.render(rendered.query(dsl, new Param<?>[0]))).isEqualTo(rendered.sql());
        assertThat(List.of(rendered.placeholders())).containsExactly(List.of());
    }
}

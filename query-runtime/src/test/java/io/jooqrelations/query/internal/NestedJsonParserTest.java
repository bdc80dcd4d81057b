package io.jooqrelations.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The JSON cursor of the library's nested-row decoder, on the escapes and layouts PostgreSQL produces. */
class NestedJsonParserTest {

    @Test
    void stringsUnescapeEverythingPostgresqlEscapes() {
        NestedJson.Parser parser = new NestedJson.Parser(
                "\"plain\", \"say \\\"hi\\\" \\\\ back\\nline\\ttab\\r\", \"\\u0001 \\u00e9 \\ud83c\\udf89 é 🎉\"");
        assertThat(parser.string()).isEqualTo("plain");
        parser.expect(',');
        assertThat(parser.string()).isEqualTo("say \"hi\" \\ back\nline\ttab\r");
        parser.expect(',');
        assertThat(parser.string()).isEqualTo("\u0001 é 🎉 é 🎉");
        parser.end();
    }

    @Test
    void scalarsAreReadAsTextWhetherNumbersStringsOrLiterals() {
        NestedJson.Parser parser = new NestedJson.Parser("[1250.50, \"1250.50\", -9223372036854775808 , true,null]");
        parser.expect('[');
        assertThat(parser.scalar()).isEqualTo("1250.50");
        assertThat(parser.comma(']')).isTrue();
        assertThat(parser.scalar()).isEqualTo("1250.50");
        assertThat(parser.comma(']')).isTrue();
        assertThat(parser.scalar()).isEqualTo("-9223372036854775808");
        assertThat(parser.comma(']')).isTrue();
        assertThat(parser.scalar()).isEqualTo("true");
        assertThat(parser.comma(']')).isTrue();
        assertThat(parser.nullLiteral()).isTrue();
        assertThat(parser.comma(']')).isFalse();
        parser.end();
    }

    @Test
    void unexpectedTextIsAnErrorNotAWrongValue() {
        NestedJson.Parser parser = new NestedJson.Parser("[1] x");
        parser.expect('[');
        parser.scalar();
        assertThat(parser.comma(']')).isFalse();
        assertThatThrownBy(parser::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> new NestedJson.Parser("{").expect('[')).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected '['");
    }
}

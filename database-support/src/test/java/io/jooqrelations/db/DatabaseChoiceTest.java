package io.jooqrelations.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {

    @Test
    void embeddedIsTheDefaultWhenNothingIsSet() {
        assertThat(DatabaseChoice.from(Map.of(), Map.of()).kind()).isEqualTo(DatabaseChoice.Kind.EMBEDDED);
    }

    @Test
    void systemPropertySelectsTestcontainers() {
        assertThat(DatabaseChoice.from(Map.of(), Map.of("relations.db", "testcontainers")).kind())
                .isEqualTo(DatabaseChoice.Kind.TESTCONTAINERS);
    }

    @Test
    void testJdbcUrlFromTheEnvironmentSelectsAnExternalServerWithItsCredentials() {
        DatabaseChoice choice = DatabaseChoice.from(
                Map.of("RELATIONS_TEST_JDBC_URL", "jdbc:postgresql://db:5432/app", "RELATIONS_DB_USER", "ci",
                        "RELATIONS_DB_PASSWORD", "secret"),
                Map.of());
        assertThat(choice).isEqualTo(DatabaseChoice.external("jdbc:postgresql://db:5432/app", "ci", "secret"));
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        DatabaseChoice choice = DatabaseChoice.from(Map.of("RELATIONS_DB", "testcontainers"),
                Map.of("relations.db", "embedded"));
        assertThat(choice.kind()).isEqualTo(DatabaseChoice.Kind.EMBEDDED);
    }

    @Test
    void systemChoosesTheMachinesOwnServer() {
        assertThat(DatabaseChoice.from(Map.of("RELATIONS_DB", "system"), Map.of()).kind())
                .isEqualTo(DatabaseChoice.Kind.SYSTEM);
    }

    @Test
    void unknownChoiceIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> DatabaseChoice.from(Map.of(), Map.of("relations.db", "mysql")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown database choice relations.db='mysql'. Use 'embedded' (default), 'system', "
                        + "'testcontainers', or a JDBC URL such as jdbc:postgresql://localhost:5432/postgres");
    }

    @Test
    void nonPostgresJdbcUrlIsRejected() {
        assertThatThrownBy(() -> DatabaseChoice.from(Map.of(), Map.of("relations.db", "jdbc:mysql://x/y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a PostgreSQL JDBC URL starting with 'jdbc:postgresql:'");
    }
}

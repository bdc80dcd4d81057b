package io.jooqrelations.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void askingForTestcontainersWithoutDockerExplainsHowToUseTheEmbeddedDefault() {
        assertThatThrownBy(() -> PostgresServer.start(DatabaseChoice.testcontainers(), () -> false))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("Testcontainers was requested (relations.db=testcontainers) but no Docker engine is reachable "
                        + "on this machine. Start Docker, or drop the switch to use the embedded PostgreSQL (the default, "
                        + "needs nothing installed), or pass a JDBC URL with "
                        + "-Drelations.db=jdbc:postgresql://host:5432/postgres.");
    }

    @Test
    void embeddedServerStartsARealPostgresqlAndCreatesAndDropsDatabases() throws Exception {
        try (PostgresServer server = PostgresServer.start(DatabaseChoice.embedded())) {
            server.createDatabase("scratch_db", null);
            try (Connection c = server.dataSource("scratch_db").getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select current_database(), current_setting('server_version_num')::int")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("scratch_db");
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(180000);
            }
            server.dropDatabase("scratch_db");
        }
    }

    @Test
    void aSystemServerWithoutInstalledBinariesSaysHowToGetOne() {
        String before = System.getProperty(SystemPostgres.BIN_PROPERTY);
        System.setProperty(SystemPostgres.BIN_PROPERTY, "/nonexistent/postgresql/bin");
        try {
            assertThatThrownBy(() -> PostgresServer.start(DatabaseChoice.system()))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("No PostgreSQL is installed on this machine for relations.db=system")
                    .hasMessageContaining("apt-get install postgresql");
        } finally {
            if (before == null) {
                System.clearProperty(SystemPostgres.BIN_PROPERTY);
            } else {
                System.setProperty(SystemPostgres.BIN_PROPERTY, before);
            }
        }
    }

    @Test
    void jdbcUrlSwapsOnlyTheDatabaseName() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5432/postgres?ssl=true", "other"))
                .isEqualTo("jdbc:postgresql://h:5432/other?ssl=true");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:1,h2:2", "x")).isEqualTo("jdbc:postgresql://h1:1,h2:2/x");
    }
}

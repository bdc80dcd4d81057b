package io.jooqrelations.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class DialectChoiceTest {

    private static Properties property(String value) {
        Properties properties = new Properties();
        properties.setProperty(DialectChoice.PROPERTY, value);
        return properties;
    }

    @Test
    void postgresIsTheDefaultAndThePropertyWinsOverTheEnvironment() {
        assertThat(DialectChoice.from(Map.of(), new Properties())).isEqualTo(DialectChoice.POSTGRES);
        assertThat(DialectChoice.from(Map.of("RELATIONS_DIALECT", "sqlite"), new Properties()))
                .isEqualTo(DialectChoice.SQLITE);
        assertThat(DialectChoice.from(Map.of("RELATIONS_DIALECT", "sqlite"), property(" MariaDB ")))
                .isEqualTo(DialectChoice.MARIADB);
        assertThat(DialectChoice.MARIADB.sqlDialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(DialectChoice.of(SQLDialect.POSTGRES)).isEqualTo(DialectChoice.POSTGRES);
        assertThat(DialectChoice.SQLITE.settings().isRenderSchema()).isFalse();
        assertThat(DialectChoice.POSTGRES.settings().isRenderSchema()).isTrue();
        assertThatThrownBy(() -> DialectChoice.of(SQLDialect.DERBY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No database of dialect DERBY here: use postgres, mariadb, mysql or sqlite.");
    }

    @Test
    void eachDialectHasItsOwnScriptsOfTheSameSchema() {
        assertThat(DialectChoice.POSTGRES.location("classpath:db/migration")).isEqualTo("classpath:db/migration");
        assertThat(DialectChoice.MARIADB.location("classpath:db/migration")).isEqualTo("classpath:db/migration-mariadb");
        assertThat(DialectChoice.SQLITE.location("classpath:db/migration")).isEqualTo("classpath:db/migration-sqlite");
        assertThat(DialectChoice.MYSQL.location("classpath:db/migration")).isEqualTo("classpath:db/migration-mariadb");
    }

    @Test
    void mysqlWithoutDockerSaysWhereMysqlComesFromAndOffersTheEmbeddedMariaDb() {
        assertThat(DialectChoice.from(Map.of(), property("mysql")).sqlDialect()).isEqualTo(SQLDialect.MYSQL);
        assertThatThrownBy(() -> MysqlServer.start(() -> false))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("MySQL was requested (relations.dialect=mysql) but no Docker engine is reachable on this "
                        + "machine: MySQL runs only as the Testcontainers image mysql:8.4. Start Docker, or use "
                        + "relations.dialect=mariadb (an embedded server, needs nothing installed).");
    }

    @Test
    void postgresAndSqliteHaveNoDatabaseServerOfThisKind() {
        assertThatThrownBy(() -> DatabaseServer.start(DialectChoice.SQLITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No DatabaseServer for sqlite: PostgreSQL starts through PostgresServer, SQLite needs no "
                        + "server (SqliteDatabase).");
    }

    @Test
    void anUnknownDialectNamesTheSwitchAndTheChoices() {
        assertThatThrownBy(() -> DialectChoice.from(Map.of(), property("oracle")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown dialect 'oracle' (relations.dialect): use postgres, mariadb, mysql or sqlite.");
    }

    @Test
    void databaseNamesThatCouldEscapeTheirQuotesAreRefused() {
        assertThat(DatabaseNames.quoted("rel_1", '`')).isEqualTo("`rel_1`");
        assertThatThrownBy(() -> DatabaseNames.quoted("x`; drop database y; --", '`'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database names are lower-case letters, digits and '_': x`; drop database y; --");
    }
}

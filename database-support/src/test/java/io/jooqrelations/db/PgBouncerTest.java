package io.jooqrelations.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgBouncerTest {

    @Test
    void aMissingPgbouncerBinarySaysWhichPackageToInstallAndWhichSwitchNamesAnother() {
        String before = System.getProperty(PgBouncer.BINARY_PROPERTY);
        System.setProperty(PgBouncer.BINARY_PROPERTY, "/nonexistent/sbin/pgbouncer");
        try {
            assertThatThrownBy(() -> PgBouncer.start("jdbc:postgresql://localhost:5432/postgres", "postgres", "", 2))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("No PgBouncer is installed on this machine: found no executable "
                            + "/nonexistent/sbin/pgbouncer (named by -Drelations.db.pgbouncer). Install Debian's package "
                            + "(apt-get install pgbouncer), or point -Drelations.db.pgbouncer at a pgbouncer binary.");
        } finally {
            if (before == null) {
                System.clearProperty(PgBouncer.BINARY_PROPERTY);
            } else {
                System.setProperty(PgBouncer.BINARY_PROPERTY, before);
            }
        }
    }

    @Test
    void aServerUrlWithSeveralHostsIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> PgBouncer.start("jdbc:postgresql://h1:5432,h2:5432/app", "postgres", "", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PgBouncer forwards to one PostgreSQL server, named by a JDBC URL like "
                        + "jdbc:postgresql://host:5432/database; cannot use 'jdbc:postgresql://h1:5432,h2:5432/app'");
    }

    @Test
    void lessThanOneServerConnectionIsRefused() {
        assertThatThrownBy(() -> PgBouncer.start("jdbc:postgresql://localhost/app", "postgres", "", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PgBouncer needs at least one server connection per database, got 0");
    }
}

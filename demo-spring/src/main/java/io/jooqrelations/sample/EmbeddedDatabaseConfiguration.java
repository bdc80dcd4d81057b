package io.jooqrelations.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import io.jooqrelations.demo.DemoSeed;
import java.io.PrintStream;
import java.io.OutputStream;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample's database: the PostgreSQL the demo uses (embedded by default; {@code -Drelations.db=...} as everywhere
 * in this project), migrated with the example schema and seeded with the demo data at start-up. A real service gets
 * its {@code DataSource} from {@code spring.datasource.*} instead and drops this class.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    PostgresServer postgresServer() {
        return PostgresServer.start(DatabaseChoice.fromEnvironment());
    }

    /**
     * The sample's own database, dropped at shutdown (after the pool that uses it is closed) on an existing server; an
     * embedded server goes away with its data (and is already stopping when the JVM's shutdown hooks run).
     */
    record SampleDatabase(PostgresServer server, String name) implements AutoCloseable {
        @Override
        public void close() {
            if (server.choice().kind() == DatabaseChoice.Kind.EXTERNAL) {
                server.dropDatabase(name);
            }
        }
    }

    @Bean(destroyMethod = "close")
    SampleDatabase sampleDatabase(PostgresServer server) {
        String name = "sample_" + Long.toHexString(System.nanoTime());
        server.createDatabase(name, null);
        return new SampleDatabase(server, name);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(SampleDatabase database) {
        DataSource plain = database.server().dataSource(database.name());
        FlywayMigrations.migrate(plain, FlywayMigrations.DEFAULT_LOCATION);
        DemoSeed.load(DSL.using(plain, SQLDialect.POSTGRES), new PrintStream(OutputStream.nullOutputStream()));
        HikariConfig config = new HikariConfig();
        config.setDataSource(plain);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}

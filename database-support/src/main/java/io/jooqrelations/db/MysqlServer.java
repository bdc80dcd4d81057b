package io.jooqrelations.db;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real MySQL 8 server in a Testcontainers container ({@value #IMAGE}): Maven Central has no embedded MySQL, so this
 * one needs a Docker engine (and {@code testcontainers-mysql} and {@code mysql-connector-j} on the class path). Started
 * with the same server settings as the embedded {@link MariaDbServer}.
 *
 * <pre>{@code
 * try (MysqlServer server = MysqlServer.start()) {     // -Drelations.dialect=mysql
 *     server.createDatabase("scratch");
 *     DataSource ds = server.dataSource("scratch");
 * }
 * }</pre>
 */
public final class MysqlServer implements DatabaseServer {

    /** The image Testcontainers starts. */
    public static final String IMAGE = "mysql:8.4";

    private static final String ROOT_PASSWORD = "relations";

    private final MySQLContainer container;

    private MysqlServer(MySQLContainer container) {
        this.container = container;
    }

    /** Starts a container, or a {@link DatabaseUnavailableException} saying what to do when there is no Docker engine. */
    public static MysqlServer start() {
        return start(() -> DockerClientFactory.instance().isDockerAvailable());
    }

    /** As {@link #start()}, with the Docker probe given (tests use it to simulate a machine without Docker). */
    static MysqlServer start(BooleanSupplier dockerAvailable) {
        if (!dockerAvailable.getAsBoolean()) {
            throw new DatabaseUnavailableException("MySQL was requested (" + DialectChoice.PROPERTY + "=mysql) but no "
                    + "Docker engine is reachable on this machine: MySQL runs only as the Testcontainers image " + IMAGE
                    + ". Start Docker, or use " + DialectChoice.PROPERTY + "=mariadb (an embedded server, needs nothing "
                    + "installed).");
        }
        @SuppressWarnings("resource") // stopped by close()
        MySQLContainer container = new MySQLContainer(DockerImageName.parse(IMAGE))
                .withUsername("root")
                .withPassword(ROOT_PASSWORD)
                // as MariaDbServer: nested reads are JSON aggregates, cut at 1 MB by default
                .withCommand("--group-concat-max-len=4294967295", "--character-set-server=utf8mb4",
                        "--collation-server=utf8mb4_bin");
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("Could not start the MySQL container (" + IMAGE + "): "
                    + e.getMessage(), e);
        }
        return new MysqlServer(container);
    }

    /**
     * The JDBC URL of {@code database}. {@code allowMultiQueries}: jOOQ sends its MULTISET emulation on MySQL with a
     * {@code set @@group_concat_max_len} statement in front.
     */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(MySQLContainer.MYSQL_PORT) + "/"
                + database + "?allowMultiQueries=true";
    }

    @Override
    public DataSource dataSource(String database) {
        MysqlDataSource ds = new MysqlDataSource();
        ds.setURL(jdbcUrl(database));
        ds.setUser("root");
        ds.setPassword(ROOT_PASSWORD);
        return ds;
    }

    @Override
    public void createDatabase(String name) {
        admin("create database " + DatabaseNames.quoted(name, '`') + " character set utf8mb4 collate utf8mb4_bin");
    }

    @Override
    public void dropDatabase(String name) {
        admin("drop database if exists " + DatabaseNames.quoted(name, '`'));
    }

    private void admin(String sql) {
        try (Connection c = dataSource("mysql").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not run '" + sql + "' on the MySQL container: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}

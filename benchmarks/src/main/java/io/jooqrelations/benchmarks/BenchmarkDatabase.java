package io.jooqrelations.benchmarks;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.PostgresServer;
import io.jooqrelations.db.ScratchDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The benchmarks' database: the PostgreSQL chosen by {@code -Drelations.db} (embedded by default), a database
 * {@code relations_bench_<scale>} migrated by Flyway and filled by {@link DataGenerator}, one open connection, and a
 * jOOQ context on it whose statements are counted by a {@link StatementTally}.
 *
 * <p>On an existing server ({@code -Drelations.db=jdbc:postgresql://...}) a data set generated earlier with the same
 * size and seed is reused, so forks after the first skip generation; anything else is dropped and generated again.
 *
 * <pre>{@code
 * BenchmarkDatabase db = BenchmarkDatabase.shared(DataSize.ofScale(1), System.out);
 * db.ways().library().invoiceDetail(42L);
 * }</pre>
 */
public final class BenchmarkDatabase implements AutoCloseable {

    /**
     * Where {@link #shared} writes the row counts of the data set for {@code report.py}, if that directory exists
     * (default {@code benchmarks/target/jmh-dataset.json}, relative to the working directory).
     */
    public static final String DATASET_FILE_PROPERTY = "relations.bench.dataset-file";
    private static final String DEFAULT_DATASET_FILE = "benchmarks/target/jmh-dataset.json";

    private static BenchmarkDatabase shared;

    /** What to stop on {@link #close()}: the PostgreSQL or MariaDB server, or the SQLite file to delete. */
    private final AutoCloseable server;
    /** The server as reports name it, e.g. {@code embedded PostgreSQL} or {@code embedded mariadb}. */
    private final String database;
    private final DataSize size;
    private final Map<String, Long> rows;
    private final Connection connection;
    private final StatementTally tally = new StatementTally();
    private final DSLContext dsl;
    private final Targets targets;
    private boolean closed;

    private BenchmarkDatabase(AutoCloseable server, String database, SQLDialect dialect, DataSize size,
            Map<String, Long> rows, Connection connection) {
        this.server = server;
        this.database = database;
        this.size = size;
        this.rows = rows;
        this.connection = connection;
        this.dsl = DSL.using(configuration(connection, tally, dialect));
        this.targets = Targets.choose(connection, size, DataGenerator.DEFAULT_SEED);
    }

    /**
     * The jOOQ configuration every jOOQ way uses: the dialect, one connection, no execute logging, counted; outside
     * PostgreSQL without schema names (the generated tables are PostgreSQL's {@code public}, the database itself there).
     */
    static DefaultConfiguration configuration(Connection connection, StatementTally tally, SQLDialect dialect) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(connection);
        configuration.set(dialect);
        configuration.set(DialectChoice.of(dialect).settings().withExecuteLogging(false));
        configuration.set(new DefaultExecuteListenerProvider(tally));
        return configuration;
    }

    /** This JVM's benchmark database, started and generated on first use, stopped when the JVM exits. */
    public static synchronized BenchmarkDatabase shared(DataSize size, PrintStream progress) {
        if (shared != null && !shared.size.equals(size)) {
            shared.close();
            shared = null;
        }
        if (shared == null) {
            BenchmarkDatabase db = start(size, progress);
            db.writeDatasetFile(progress);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "benchmark-database-shutdown"));
            shared = db;
        }
        return shared;
    }

    /**
     * Starts the chosen server and prepares the data set of {@code size} on it: PostgreSQL ({@code -Drelations.db}), or
     * with {@code -Drelations.dialect=mariadb} / {@code mysql} / {@code sqlite} an embedded MariaDB, a MySQL container
     * (needs Docker) or a SQLite file, generated afresh.
     */
    public static BenchmarkDatabase start(DataSize size, PrintStream progress) {
        DialectChoice dialect = DialectChoice.fromEnvironment();
        return dialect == DialectChoice.POSTGRES ? startPostgres(size, progress) : startOther(dialect, size, progress);
    }

    /** MariaDB, MySQL or SQLite: a fresh database every time (the data set is not kept between forks). */
    private static BenchmarkDatabase startOther(DialectChoice dialect, DataSize size, PrintStream progress) {
        long started = System.nanoTime();
        String name = "relations_bench_" + size.tag().replace('.', '_');
        progress.println("Starting " + dialect.label() + " ...");
        ScratchDatabase database = ScratchDatabase.start(dialect, name, FlywayMigrations.DEFAULT_LOCATION);
        try {
            Map<String, Long> rows;
            try (Connection c = database.dataSource().getConnection()) {
                rows = new TreeMap<>(DataGenerator.generate(c, size, DataGenerator.DEFAULT_SEED, progress));
            }
            BenchmarkDatabase db = new BenchmarkDatabase(database, database.description(), dialect.sqlDialect(), size,
                    rows, database.dataSource().getConnection());
            progress.printf("Benchmark database %s on %s ready in %.1f s%n", name, dialect.label(),
                    (System.nanoTime() - started) / 1e9);
            return db;
        } catch (SQLException | RuntimeException e) {
            try {
                database.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("Could not prepare the benchmark database: " + e.getMessage(), e);
        }
    }

    private static BenchmarkDatabase startPostgres(DataSize size, PrintStream progress) {
        long started = System.nanoTime();
        DatabaseChoice choice = DatabaseChoice.fromEnvironment();
        progress.println((choice.kind() == DatabaseChoice.Kind.EXTERNAL ? "Using " : "Starting ") + choice + " ...");
        PostgresServer server = PostgresServer.start(choice);
        try {
            String name = "relations_bench_" + size.tag();
            Map<String, Long> rows = existingDataSet(server, name, size);
            if (rows == null) {
                server.dropDatabase(name);
                server.createDatabase(name, null);
                FlywayMigrations.migrate(server.dataSource(name), FlywayMigrations.DEFAULT_LOCATION);
                try (Connection c = server.dataSource(name).getConnection()) {
                    rows = new TreeMap<>(DataGenerator.generate(c, size, DataGenerator.DEFAULT_SEED, progress));
                    markGenerated(c, size, rows);
                }
            } else {
                progress.println("Reusing the data set in database " + name + ": " + rows);
            }
            Connection connection = server.dataSource(name).getConnection();
            BenchmarkDatabase db = new BenchmarkDatabase(server, choice.toString(), SQLDialect.POSTGRES, size, rows,
                    connection);
            progress.printf("Benchmark database %s on %s ready in %.1f s%n", name, choice,
                    (System.nanoTime() - started) / 1e9);
            return db;
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("Could not prepare the benchmark database: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> existingDataSet(PostgresServer server, String name, DataSize size) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                PreparedStatement ps = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
            }
        }
        try (Connection c = server.dataSource(name).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select size, seed, row_counts from bench_dataset")) {
            if (rs.next() && rs.getString(1).equals(size.toString()) && rs.getLong(2) == DataGenerator.DEFAULT_SEED) {
                Map<String, Long> rows = new TreeMap<>();
                for (String pair : rs.getString(3).split(",")) {
                    String[] kv = pair.split("=");
                    rows.put(kv[0], Long.parseLong(kv[1]));
                }
                return rows;
            }
            return null;
        } catch (SQLException e) {
            return null; // no marker table: an unfinished or foreign data set
        }
    }

    private static void markGenerated(Connection c, DataSize size, Map<String, Long> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table bench_dataset (size text not null, seed bigint not null, row_counts text not null)");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into bench_dataset values (?, ?, ?)")) {
            ps.setString(1, size.toString());
            ps.setLong(2, DataGenerator.DEFAULT_SEED);
            ps.setString(3, rows.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
            ps.executeUpdate();
        }
    }

    /** Writes the size of the data set for {@code report.py} (the scenario benchmarks' database, not the client one's). */
    private void writeDatasetFile(PrintStream progress) {
        Path file = Path.of(System.getProperty(DATASET_FILE_PROPERTY, DEFAULT_DATASET_FILE));
        if (file.toAbsolutePath().getParent() == null || !Files.isDirectory(file.toAbsolutePath().getParent())) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", size.scale());
        json.put("seed", DataGenerator.DEFAULT_SEED);
        json.put("database", database);
        json.put("serverVersion", serverVersion());
        json.put("rows", rows);
        try {
            Files.writeString(file, org.jooq.tools.json.JSONObject.toJSONString(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            progress.println("Could not write " + file + ": " + new UncheckedIOException(e).getMessage());
        }
    }

    private String serverVersion() {
        String query = dsl.dialect() == SQLDialect.SQLITE ? "select sqlite_version()"
                : dsl.dialect() == SQLDialect.POSTGRES ? "show server_version" : "select version()";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    /** The five ways over this database's connection, all counted by {@link #tally()}. */
    public Ways ways() {
        return Ways.over(dsl, connection, tally);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Connection connection() {
        return connection;
    }

    public StatementTally tally() {
        return tally;
    }

    public Targets targets() {
        return targets;
    }

    public DataSize size() {
        return size;
    }

    /** Rows per table of the data set. */
    public Map<String, Long> rows() {
        return rows;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing anyway
        } finally {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop " + database + ": " + e.getMessage(), e);
            }
        }
    }
}

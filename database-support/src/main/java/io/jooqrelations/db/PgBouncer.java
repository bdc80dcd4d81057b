package io.jooqrelations.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PgBouncer in {@code pool_mode = transaction} in front of a running PostgreSQL, for tests that prove reads
 * work through a connection pooler: the machine's {@code pgbouncer} binary (Debian's package installs
 * {@code /usr/sbin/pgbouncer}; {@code -Drelations.db.pgbouncer=<path>} names another) started in a temporary directory
 * on a free port of {@code 127.0.0.1}, with its configuration and user list written there, and stopped and deleted when
 * closed. Any database name a client asks for is forwarded to the database of that name on the server, logged in as the
 * server's user; clients are trusted ({@code auth_type = trust}), so give any password.
 *
 * <p>PgBouncer refuses to run as root: as root (CI), it runs as the {@code postgres} user (which Debian's packages
 * create) through {@code runuser}, as {@link DatabaseChoice.Kind#SYSTEM} servers do.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start(DatabaseChoice.embedded());
 *         PgBouncer bouncer = PgBouncer.start(server, 4)) {
 *     // PgBouncer before 1.21 keeps no prepared statements in transaction pooling: pgjdbc must not name any
 *     Connection c = DriverManager.getConnection(bouncer.jdbcUrl("postgres") + "?prepareThreshold=0", "postgres", "");
 * }
 * }</pre>
 */
public final class PgBouncer implements AutoCloseable {

    /** The system property that names the {@code pgbouncer} binary instead of {@link #DEBIAN_BINARY}. */
    public static final String BINARY_PROPERTY = "relations.db.pgbouncer";

    /** Where Debian's {@code pgbouncer} package installs the binary. */
    static final Path DEBIAN_BINARY = Path.of("/usr/sbin/pgbouncer");

    /** {@code jdbc:postgresql://host[:port]/database[?...]}: one host, as PgBouncer forwards to one server. */
    private static final Pattern SERVER_URL =
            Pattern.compile("jdbc:postgresql://(\\[[^\\]/]+\\]|[^:/?,\\[]+)(?::(\\d+))?/([^?]*)(?:\\?.*)?");

    /** How long PgBouncer may take to listen and to answer a first query through it. */
    private static final long START_SECONDS = 30;

    private final Process process;
    private final Path directory;
    private final int port;
    private final String defaultDatabase;

    private PgBouncer(Process process, Path directory, int port, String defaultDatabase) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.defaultDatabase = defaultDatabase;
    }

    /**
     * Starts PgBouncer in transaction pooling mode in front of {@code server}, holding at most
     * {@code serverConnections} server connections per database (its {@code default_pool_size}; fewer than the
     * clients makes clients share server connections between transactions, which is what transaction pooling is), and
     * waits until a query through it answers.
     *
     * @throws DatabaseUnavailableException when no {@code pgbouncer} binary is installed (naming the package to
     *         install), or when it does not start or does not reach the server (with its output)
     * @throws IllegalArgumentException when the server's JDBC URL names several hosts or {@code serverConnections < 1}
     */
    public static PgBouncer start(PostgresServer server, int serverConnections) {
        return start(server.jdbcUrl(), server.user(), server.password(), serverConnections);
    }

    static PgBouncer start(String serverJdbcUrl, String user, String password, int serverConnections) {
        if (serverConnections < 1) {
            throw new IllegalArgumentException("PgBouncer needs at least one server connection per database, got "
                    + serverConnections);
        }
        Matcher url = SERVER_URL.matcher(serverJdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("PgBouncer forwards to one PostgreSQL server, named by a JDBC URL like "
                    + "jdbc:postgresql://host:5432/database; cannot use '" + serverJdbcUrl + "'");
        }
        String host = url.group(1).replace("[", "").replace("]", "");
        String serverPort = url.group(2) == null ? "5432" : url.group(2);
        String defaultDatabase = url.group(3).isEmpty() ? user : url.group(3);
        Path binary = binary();
        boolean root = "root".equals(System.getProperty("user.name"));

        Path directory;
        int port;
        try {
            directory = Files.createTempDirectory("relations-pgbouncer-");
            port = freePort();
            // every database name goes to the same name on the server, logged in as the server's user
            String passwordSetting = password == null || password.isEmpty() ? "" : " password=" + quoted(password);
            Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]",
                    "* = host=" + quoted(host) + " port=" + serverPort + " user=" + quoted(user) + passwordSetting,
                    "",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + directory.resolve("userlist.txt"),
                    "pool_mode = transaction",
                    "default_pool_size = " + serverConnections,
                    "max_client_conn = 1000",
                    "log_connections = 0",
                    "log_disconnections = 0",
                    ""), StandardCharsets.UTF_8);
            // with auth_type = trust the list only names who may connect
            Files.writeString(directory.resolve("userlist.txt"), "\"" + user.replace("\"", "\"\"") + "\" \"\"\n",
                    StandardCharsets.UTF_8);
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare PgBouncer's directory: " + e.getMessage(), e);
        }

        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(binary.toString(), directory.resolve("pgbouncer.ini").toString()));
        Process process;
        try {
            // its log goes to a file: a pipe nobody reads could block it
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.out").toFile()).start();
        } catch (IOException e) {
            delete(directory);
            throw new DatabaseUnavailableException("Could not run '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        }
        PgBouncer bouncer = new PgBouncer(process, directory, port, defaultDatabase);
        try {
            bouncer.awaitFirstQuery(user, password, command);
            return bouncer;
        } catch (RuntimeException e) {   // a half-started PgBouncer: stop it, delete the directory
            bouncer.close();
            throw e;
        }
    }

    /** The binary named by {@value #BINARY_PROPERTY}, else Debian's; fails with what to install. */
    static Path binary() {
        String given = System.getProperty(BINARY_PROPERTY);
        Path binary = given == null || given.isBlank() ? DEBIAN_BINARY : Path.of(given);
        if (!Files.isExecutable(binary)) {
            throw new DatabaseUnavailableException("No PgBouncer is installed on this machine: found no executable "
                    + binary + (given == null || given.isBlank() ? "" : " (named by -D" + BINARY_PROPERTY + ")")
                    + ". Install Debian's package (apt-get install pgbouncer), or point -D" + BINARY_PROPERTY
                    + " at a pgbouncer binary.");
        }
        return binary;
    }

    /** The JDBC URL of {@code database} through PgBouncer, with no driver settings (add {@code ?prepareThreshold=0}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The port PgBouncer listens on, on {@code 127.0.0.1}. */
    int port() {
        return port;
    }

    /** What PgBouncer wrote so far (its log), for failure messages. */
    String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.out"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits (bounded) until PgBouncer listens and a query through it reaches the server. */
    private void awaitFirstQuery(String user, String password, List<String> command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!listens()) {
            if (!process.isAlive()) {
                throw new DatabaseUnavailableException("'" + String.join(" ", command) + "' exited with "
                        + process.exitValue() + " before listening on port " + port + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new DatabaseUnavailableException("'" + String.join(" ", command) + "' did not listen on port "
                        + port + " within " + START_SECONDS + " s: " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseUnavailableException("Interrupted while waiting for PgBouncer to start");
            }
        }
        String url = jdbcUrl(defaultDatabase) + "?prepareThreshold=0&connectTimeout=" + START_SECONDS
                + "&socketTimeout=" + START_SECONDS;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("select 1");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("PgBouncer listens on port " + port + " but a query through it to "
                    + "the server failed: " + e.getMessage() + "\nPgBouncer's log:\n" + log(), e);
        }
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops PgBouncer at once (its client connections break) and deletes its directory. */
    @Override
    public void close() {
        try {
            // as root the process is runuser; PgBouncer is its child
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : all) {
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception stillRunning) {
                    handle.destroyForcibly();
                }
            }
        } finally {
            delete(directory);
        }
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a short command as this JVM's user; fails loudly. */
    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DatabaseUnavailableException("'" + String.join(" ", command) + "' did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new DatabaseUnavailableException("'" + String.join(" ", command) + "' failed with exit code "
                        + process.exitValue() + " (PgBouncer runs as the postgres user when the JVM is root: "
                        + "install Debian's postgresql-common or pgbouncer package, which creates it)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("Interrupted while running " + command);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }
}

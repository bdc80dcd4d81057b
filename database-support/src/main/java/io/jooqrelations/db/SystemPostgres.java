package io.jooqrelations.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the server installed on this machine — Debian's {@code postgresql} package, as users
 * run it, with its LLVM JIT — started in a temporary directory on a free port ({@code initdb} and {@code pg_ctl}; no
 * system service is touched) and deleted when closed. Chosen with {@code -Drelations.db=system}; what the embedded
 * server (built without LLVM) cannot show, such as JIT compilation, is measured on it.
 *
 * <p>The server's binaries are the newest {@code /usr/lib/postgresql/<version>/bin}, or the directory given with
 * {@code -Drelations.db.pgbin}. PostgreSQL refuses to run as root: as root (CI), the cluster belongs to the package's
 * {@code postgres} user and its commands run through {@code runuser}.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start(DatabaseChoice.system())) {
 *     server.createDatabase("scratch", null);
 * }
 * }</pre>
 */
final class SystemPostgres implements AutoCloseable {

    /** Where Debian's packages install each major version's binaries. */
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    /** The system property that names the binaries' directory instead. */
    static final String BIN_PROPERTY = "relations.db.pgbin";

    private final Path bin;
    private final Path data;
    private final boolean asPostgresUser;
    private final int port;

    private SystemPostgres(Path bin, Path data, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.data = data;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** Initialises and starts a cluster; its superuser is {@code postgres}, trusted on loopback. */
    static SystemPostgres start() {
        Path bin = binaries().orElseThrow(() -> new DatabaseUnavailableException("No PostgreSQL is installed on this "
                + "machine for " + DatabaseChoice.PROPERTY + "=system: found no " + DEBIAN_VERSIONS
                + "/<version>/bin/initdb. Install Debian's server (apt-get install postgresql), point -D" + BIN_PROPERTY
                + " at a directory holding initdb and pg_ctl, or drop the switch to use the embedded PostgreSQL."));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data;
        SystemPostgres server;
        try {
            data = Files.createTempDirectory("relations-system-pg-");
            server = new SystemPostgres(bin, data, root, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the system PostgreSQL from " + bin + ": " + e.getMessage(), e);
        }
        try {
            if (root) {
                server.run(List.of("chown", "postgres:postgres", data.toString()), false);
            }
            server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"), true);
            server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    data.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + server.port
                            + " -c listen_addresses=127.0.0.1 -k '" + data + "' -c fsync=off", "start"), true);
            return server;
        } catch (RuntimeException e) {   // a half-started cluster: stop what runs, delete the directory
            try {
                server.close();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /** The JDBC URL of the cluster's {@code postgres} database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The binaries' directory, e.g. {@code /usr/lib/postgresql/15/bin}. */
    Path bin() {
        return bin;
    }

    /** The newest installed server's binaries, or those named by {@value #BIN_PROPERTY}. */
    static Optional<Path> binaries() {
        String given = System.getProperty(BIN_PROPERTY);
        if (given != null) {
            Path bin = Path.of(given);
            return Files.isExecutable(bin.resolve("initdb")) ? Optional.of(bin) : Optional.empty();
        }
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(SystemPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command (as the {@code postgres} user when {@code asServerUser} and this JVM is root); fails loudly. */
    private void run(List<String> command, boolean asServerUser) {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            // the output goes to a file, so that waiting for the process is bounded (a pipe nobody reads could block it)
            Path output = Files.createTempFile("relations-system-pg-", ".out");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                boolean finished = process.waitFor(120, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly();
                }
                if (!finished || process.exitValue() != 0) {
                    throw new DatabaseUnavailableException("'" + String.join(" ", full) + "' "
                            + (finished ? "failed" : "did not finish in 120 s") + ": "
                            + Files.readString(output, StandardCharsets.UTF_8).strip() + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + full + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("Interrupted while running " + full);
        }
    }

    private String serverLog() {
        Path log = data.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the cluster at once (if it runs) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                        true);
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is not worth failing a test run for
            }
        }
    }
}

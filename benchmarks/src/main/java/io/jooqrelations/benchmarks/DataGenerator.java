package io.jooqrelations.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Fills a freshly migrated database with a deterministic data set of the given {@link DataSize}, through PostgreSQL
 * {@code COPY} (the fastest way in), then sets the identity sequences and runs {@code vacuum analyze}; on MariaDB and
 * SQLite through batched inserts, then {@code analyze}. Ids are assigned
 * here, from 1, so the same seed and size always give the same rows.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *     Map<String, Long> rows = DataGenerator.generate(c, DataSize.ofScale(1), 42L, System.out);
 * }
 * }</pre>
 */
public final class DataGenerator {

    /** The seed the benchmarks use. */
    public static final long DEFAULT_SEED = 20261125L;

    private static final String[] ITEMS = {"Consulting", "Licence", "Support plan", "Training day", "Hosting",
        "Onboarding", "Custom report", "Audit", "Migration", "Maintenance", "Design review", "Data export"};
    private static final String[] COLORS = {"red", "green", "blue", "amber", "purple", "grey"};
    private static final String[] STATUSES = {"draft", "open", "open", "paid", "paid", "paid", "void"};
    private static final String[] ROLES = {"owner", "admin", "member", "member", "member", "viewer"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);
    private static final int DAYS = 5 * 365;

    /** PostgreSQL's COPY, or null on the other dialects (batched inserts on {@link #connection}). */
    private final CopyManager copy;
    private final Connection connection;
    private final DataSize size;
    private final long seed;
    private final PrintStream progress;
    private final Map<String, Long> rows = new LinkedHashMap<>();

    private DataGenerator(CopyManager copy, Connection connection, DataSize size, long seed, PrintStream progress) {
        this.copy = copy;
        this.connection = connection;
        this.size = size;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Generates the data set into the (migrated, empty) database of {@code connection} and returns the number of rows
     * per table. Prints one progress line per table.
     */
    public static Map<String, Long> generate(Connection connection, DataSize size, long seed, PrintStream progress) {
        try {
            boolean postgres = connection.isWrapperFor(PGConnection.class);
            CopyManager copy = postgres ? connection.unwrap(PGConnection.class).getCopyAPI() : null;
            DataGenerator generator = new DataGenerator(copy, connection, size, seed, progress);
            long started = System.nanoTime();
            progress.printf("Generating data set %s (seed %d)%n", size, seed);
            generator.organizations();
            generator.users();
            generator.memberships();
            generator.tags();
            generator.invoices();
            generator.lineItems();
            generator.invoiceTags();
            generator.comments();
            try (Statement s = connection.createStatement()) {
                if (!postgres) {
                    // MariaDB's auto_increment and SQLite's rowid go on after the largest id by themselves
                    progress.print("  analyze ...");
                    long t = System.nanoTime();
                    for (String table : generator.rows.keySet()) {
                        s.execute(connection.getMetaData().getDatabaseProductName().contains("SQLite") ? "analyze "
                                + table : "analyze table " + table);
                    }
                    progress.printf(" %d ms%n", (System.nanoTime() - t) / 1_000_000);
                    progress.printf("Data set ready in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, generator.rows);
                    return Map.copyOf(generator.rows);
                }
                for (String table : generator.rows.keySet()) {
                    if (!table.equals("invoice_tags")) {
                        s.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from "
                                + table + "))");
                    }
                }
                progress.print("  vacuum analyze ...");
                progress.flush();
                long t = System.nanoTime();
                s.execute("vacuum analyze");
                progress.printf(" %d ms%n", (System.nanoTime() - t) / 1_000_000);
            }
            progress.printf("Data set ready in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, generator.rows);
            return Map.copyOf(generator.rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not generate the benchmark data set: " + e.getMessage(), e);
        }
    }

    private void organizations() throws SQLException {
        try (Table t = table("organizations", "id, name, slug")) {
            for (int o = 1; o <= size.organizations(); o++) {
                t.row(o, "Organization " + o, "org-" + o);
            }
        }
    }

    private void users() throws SQLException {
        try (Table t = table("users", "id, email, display_name")) {
            for (int u = 1; u <= size.users(); u++) {
                t.row(u, "user" + u + "@example.com", "User " + u);
            }
        }
    }

    private void memberships() throws SQLException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x4d454d42L);
        long id = 0;
        try (Table t = table("memberships", "id, organization_id, user_id, role")) {
            for (int u = 1; u <= size.users(); u++) {
                int[] orgs = distinct(random, 1 + random.nextInt(Math.min(3, size.organizations())), size.organizations());
                for (int o : orgs) {
                    t.row(++id, o, u, ROLES[random.nextInt(ROLES.length)]);
                }
            }
        }
    }

    private void tags() throws SQLException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x54414753L);
        try (Table t = table("tags", "id, name, color")) {
            for (int g = 1; g <= size.tags(); g++) {
                t.row(g, String.format("tag-%04d", g), random.nextInt(4) == 0 ? null : COLORS[random.nextInt(COLORS.length)]);
            }
        }
    }

    /** The line items of one invoice, as {quantity, unit price in cents} pairs; the same for the same invoice. */
    private int[][] lineItemsOf(long invoice) {
        SplittableRandom random = new SplittableRandom(seed * 31 + invoice);
        int[][] items = new int[1 + random.nextInt(DataSize.MAX_LINE_ITEMS)][];
        for (int i = 0; i < items.length; i++) {
            items[i] = new int[] {1 + random.nextInt(20), 100 + random.nextInt(99_900), random.nextInt(ITEMS.length)};
        }
        return items;
    }

    private void invoices() throws SQLException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x494e5653L);
        try (Table t = table("invoices",
                "id, organization_id, assigned_to_id, created_by_id, number, status, total, issued_on, due_on")) {
            for (long i = 1; i <= size.invoices(); i++) {
                long cents = 0;
                for (int[] item : lineItemsOf(i)) {
                    cents += (long) item[0] * item[1];
                }
                LocalDate issued = FIRST_DAY.plusDays(random.nextInt(DAYS));
                t.row(i, 1 + random.nextInt(size.organizations()),
                        random.nextInt(5) == 0 ? null : 1 + random.nextInt(size.users()),
                        1 + random.nextInt(size.users()), String.format("INV-%07d", i),
                        STATUSES[random.nextInt(STATUSES.length)], cents(cents), issued, issued.plusDays(30));
            }
        }
    }

    private void lineItems() throws SQLException {
        long id = 0;
        try (Table t = table("invoice_line_items", "id, invoice_id, position, description, quantity, unit_price")) {
            for (long i = 1; i <= size.invoices(); i++) {
                int[][] items = lineItemsOf(i);
                for (int p = 0; p < items.length; p++) {
                    t.row(++id, i, p + 1, ITEMS[items[p][2]] + " #" + (p + 1), items[p][0], cents(items[p][1]));
                }
            }
        }
    }

    private void invoiceTags() throws SQLException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x49544147L);
        try (Table t = table("invoice_tags", "invoice_id, tag_id")) {
            for (long i = 1; i <= size.invoices(); i++) {
                for (int tag : distinct(random, random.nextInt(DataSize.MAX_TAGS_PER_INVOICE + 1), size.tags())) {
                    t.row(i, tag);
                }
            }
        }
    }

    private void comments() throws SQLException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x434f4d4dL);
        long id = 0;
        try (Table t = table("comments", "id, invoice_id, parent_id, author_id, body")) {
            for (long i = 1; i <= size.invoices(); i++) {
                if (random.nextInt(DataSize.COMMENTED_ONE_IN) != 0) {
                    continue;
                }
                int top = 1 + random.nextInt(3);
                for (int c = 0; c < top; c++) {
                    long root = ++id;
                    t.row(root, i, null, 1 + random.nextInt(size.users()), "Comment " + root + " on invoice " + i);
                    int replies = random.nextInt(4);
                    for (int r = 0; r < replies; r++) {
                        long reply = ++id;
                        t.row(reply, i, root, 1 + random.nextInt(size.users()), "Reply " + reply + " to " + root);
                        int leaves = random.nextInt(3);
                        for (int l = 0; l < leaves; l++) {
                            long leaf = ++id;
                            t.row(leaf, i, reply, 1 + random.nextInt(size.users()), "Reply " + leaf + " to " + reply);
                        }
                    }
                }
            }
        }
    }

    /** {@code count} distinct values in 1..{@code bound}, ascending. */
    private static int[] distinct(SplittableRandom random, int count, int bound) {
        int[] values = new int[count];
        int n = 0;
        while (n < count) {
            int v = 1 + random.nextInt(bound);
            boolean seen = false;
            for (int k = 0; k < n; k++) {
                seen |= values[k] == v;
            }
            if (!seen) {
                values[n++] = v;
            }
        }
        Arrays.sort(values);
        return values;
    }

    private static String cents(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }

    private Table table(String name, String columns) throws SQLException {
        if (copy == null) {
            return new BatchTable(name, columns);
        }
        return new CopyTable(name, copy.copyIn("copy " + name + " (" + columns + ") from stdin"));
    }

    /** The rows of one table on their way in. */
    private interface Table extends AutoCloseable {

        void row(Object... values) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /**
     * MariaDB and SQLite: batched inserts of 1 000 rows, all in one transaction; values as text (dates and money
     * included), which both convert to the column's type.
     */
    private final class BatchTable implements Table {

        private static final int BATCH = 1_000;

        private final String name;
        private final PreparedStatement insert;
        private final boolean autoCommit;
        private final long started = System.nanoTime();
        private long count;

        BatchTable(String name, String columns) throws SQLException {
            this.name = name;
            String marks = String.join(", ", java.util.Collections.nCopies(columns.split(",").length, "?"));
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement("insert into " + name + " (" + columns + ") values (" + marks + ")");
        }

        @Override
        public void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                insert.setObject(i + 1, value == null || value instanceof Number ? value : value.toString());
            }
            insert.addBatch();
            if (++count % BATCH == 0) {
                insert.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            insert.executeBatch();
            insert.close();
            connection.commit();
            connection.setAutoCommit(autoCommit);
            rows.put(name, count);
            progress.printf("  %-20s %,10d rows %7d ms%n", name, count, (System.nanoTime() - started) / 1_000_000);
            progress.flush();
        }
    }

    /** One COPY in progress: rows are buffered as text and sent in chunks of about 1 MB. */
    private final class CopyTable implements Table {

        private final String name;
        private final CopyIn in;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        private final long started = System.nanoTime();
        private long count;

        CopyTable(String name, CopyIn in) {
            this.name = name;
            this.in = in;
        }

        @Override
        public void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                buffer.append(values[i] == null ? "\\N" : values[i].toString());
            }
            buffer.append('\n');
            count++;
            if (buffer.length() > (1 << 20) - 4096) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            long copied = in.endCopy();
            if (copied != count) {
                throw new IllegalStateException("COPY " + name + " wrote " + copied + " rows, expected " + count);
            }
            rows.put(name, count);
            progress.printf("  %-20s %,10d rows %7d ms%n", name, count, (System.nanoTime() - started) / 1_000_000);
            progress.flush();
        }
    }
}

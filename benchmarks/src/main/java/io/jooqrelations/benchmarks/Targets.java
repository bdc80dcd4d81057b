package io.jooqrelations.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What each scenario reads, chosen once per data set with a fixed seed so that every way reads the same rows in the same
 * order: random invoices (S1), organizations (S2, S3), id ranges (S4) and invoices with three-level comment threads
 * (S5). A benchmark cycles through them, one per read.
 *
 * @param invoices         invoice ids for S1
 * @param organizations    organization ids for S2 and S3
 * @param bulkStarts       first ids of the S4 ranges
 * @param bulkSize         invoices per S4 range
 * @param threadedInvoices invoice ids with a reply to a reply, for S5
 */
public record Targets(long[] invoices, long[] organizations, long[] bulkStarts, int bulkSize, long[] threadedInvoices) {

    /** Invoices per S4 read at scale 1 (fewer when the data set has fewer invoices). */
    public static final int BULK_SIZE = 5_000;
    /** Invoices on an S2 list page. */
    public static final int PAGE_SIZE = 50;
    /** Latest invoices on an S3 dashboard. */
    public static final int DASHBOARD_INVOICES = 20;

    /** Picks the targets of a generated data set. */
    public static Targets choose(Connection connection, DataSize size, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x54524754L);
        long[] invoices = random.longs(256, 1, size.invoices() + 1L).toArray();
        long[] organizations = random.longs(64, 1, size.organizations() + 1L).toArray();
        int bulk = Math.min(BULK_SIZE, Math.max(1, size.invoices() / 2));
        long[] bulkStarts = random.longs(16, 1, size.invoices() - bulk + 2L).toArray();
        List<Long> threaded = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select distinct leaf.invoice_id
                from comments leaf
                join comments reply on reply.id = leaf.parent_id
                where reply.parent_id is not null
                order by leaf.invoice_id
                """); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                threaded.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not pick the S5 invoices: " + e.getMessage(), e);
        }
        if (threaded.isEmpty()) {
            throw new IllegalStateException("The data set has no three-level comment thread; generate a bigger one.");
        }
        long[] threads = random.ints(Math.min(128, threaded.size() * 4L), 0, threaded.size())
                .mapToLong(threaded::get).toArray();
        return new Targets(invoices, organizations, bulkStarts, bulk, threads);
    }

    /** Cycles through an array of targets. Not thread-safe: one per benchmark thread. */
    public static final class Cursor {

        private final long[] values;
        private int next;

        public Cursor(long[] values) {
            this.values = values;
        }

        public long next() {
            long v = values[next];
            next = next + 1 == values.length ? 0 : next + 1;
            return v;
        }
    }
}

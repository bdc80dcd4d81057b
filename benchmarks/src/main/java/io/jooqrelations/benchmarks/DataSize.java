package io.jooqrelations.benchmarks;

import java.util.Locale;

/**
 * How big a generated data set is. Scale 1 is the default data set: 200 organizations, 2 000 users (each in one to
 * three organizations), 100 000 invoices with one to nine line items each (about 500 000), 200 tags with zero to four
 * per invoice (about 2 per invoice), and comment threads on one invoice in ten (one to three top-level comments, zero to
 * three replies each, zero to two replies to each reply).
 *
 * <p>The benchmarks take the factor from the JMH parameter {@code scale} ({@code -p scale=0.1}).
 *
 * <pre>{@code
 * DataSize.ofScale(0.1)   // 20 organizations, 200 users, 10 000 invoices, ...
 * }</pre>
 *
 * @param scale         the factor applied to the default sizes
 * @param organizations number of organizations
 * @param users         number of users
 * @param invoices      number of invoices
 * @param tags          number of tags
 */
public record DataSize(double scale, int organizations, int users, int invoices, int tags) {

    /** Line items per invoice are uniform 1..9 (5 on average). */
    public static final int MAX_LINE_ITEMS = 9;
    /** Tags per invoice are uniform 0..4. */
    public static final int MAX_TAGS_PER_INVOICE = 4;
    /** One invoice in this many has comments. */
    public static final int COMMENTED_ONE_IN = 10;

    public DataSize {
        if (!(scale > 0) || organizations < 1 || users < 1 || invoices < 1 || tags < MAX_TAGS_PER_INVOICE) {
            throw new IllegalArgumentException("A data set needs a positive scale, at least one organization, user and "
                    + "invoice, and " + MAX_TAGS_PER_INVOICE + " tags: " + this);
        }
    }

    /** The default sizes multiplied by {@code scale} (never below a handful of rows per table). */
    public static DataSize ofScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("The scale factor must be positive, got " + scale);
        }
        return new DataSize(scale, atLeast(2, 200 * scale), atLeast(10, 2_000 * scale), atLeast(50, 100_000 * scale),
                atLeast(20, 200 * scale));
    }

    private static int atLeast(int min, double value) {
        return Math.max(min, (int) Math.round(value));
    }

    /** A name usable in a database name, e.g. {@code s1} or {@code s0_05}. */
    public String tag() {
        String s = String.format(Locale.ROOT, "%s", scale).replace('.', '_');
        return "s" + (s.endsWith("_0") ? s.substring(0, s.length() - 2) : s);
    }
}

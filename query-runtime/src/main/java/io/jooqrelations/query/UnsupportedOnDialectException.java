package io.jooqrelations.query;

/**
 * A read, or an option of it, that the SQL dialect of the {@code NestedReads} context cannot run: a nested limit on
 * MySQL, {@code withTree} on MariaDB, a timeout on SQLite, a dialect nested reads do not support at all. Thrown before
 * anything runs; the message names the dialect, the level and what to do instead. It is an
 * {@link InvalidReadException}: a feature the dialect lacks is one the read can do without (another strategy, no nested
 * limit), and a dialect nested reads do not support at all needs another context. The support matrix in the reference
 * lists every such feature per dialect.
 *
 * <pre>{@code
 * reads.from(COMMENTS).with("replies").findMany();   // on MariaDB
 * // UnsupportedOnDialectException: with("replies") on comments is not supported on MariaDB (...). Instead, read it
 * // with .strategy(ReadStrategy.QUERY_PER_LEVEL).
 * }</pre>
 */
public final class UnsupportedOnDialectException extends InvalidReadException {

    private static final long serialVersionUID = 1L;

    private final org.jooq.SQLDialect dialect;

    public UnsupportedOnDialectException(String message, org.jooq.SQLDialect dialect) {
        super(message);
        this.dialect = dialect;
    }

    /** The dialect (its family) that cannot run the read. */
    public org.jooq.SQLDialect dialect() {
        return dialect;
    }
}

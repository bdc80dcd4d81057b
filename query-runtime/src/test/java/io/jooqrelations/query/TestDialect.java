package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;

/** The dialect this run of the suite is on ({@code -Drelations.dialect}), for the few assertions that differ by it. */
final class TestDialect {

    private TestDialect() {
    }

    static DialectChoice current() {
        return DialectChoice.fromEnvironment();
    }

    /** Whether this run is on PostgreSQL. */
    static boolean postgres() {
        return current() == DialectChoice.POSTGRES;
    }

    /** Whether this run's dialect refuses self-references in one statement (MariaDB and MySQL, see DialectSupportTest). */
    static boolean refusesSelfReferences() {
        return current() == DialectChoice.MARIADB || current() == DialectChoice.MYSQL;
    }

    /**
     * Field-by-field comparison with numbers compared by value: SQLite stores {@code numeric(12, 2)} as a number and
     * returns 400.5 for 400.50 (as plain jOOQ does; the library adds nothing and loses nothing).
     */
    static org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration numerically() {
        return org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class).build();
    }

    /** {@code sql} without identifier quotes (PostgreSQL's {@code "}, MariaDB's {@code `}), to compare across dialects. */
    static String unquoted(String sql) {
        return sql.replace("\"", "").replace("`", "");
    }
}

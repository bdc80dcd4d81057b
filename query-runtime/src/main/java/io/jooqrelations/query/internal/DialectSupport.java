package io.jooqrelations.query.internal;

import io.jooqrelations.query.UnsupportedOnDialectException;
import io.jooqrelations.relations.internal.TableNames;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * What nested reads can do on each SQL dialect, decided in one place: the back ends ask it how to write what differs,
 * and {@link #refusal(LevelPlan, boolean)} (asked by the {@link ReadPlanner}) refuses, before anything runs, a
 * read that the dialect's SQL cannot express — naming the dialect, the level and what to do instead. The support matrix in docs/reference.md is generated from {@link #matrix()}.
 *
 * <p>The two limits behind most refusals: MariaDB resolves no outer reference inside a derived table (where jOOQ's
 * MULTISET emulation puts a nested {@code limit}, and the library the parent key of a self-reference), and neither
 * MariaDB nor SQLite has {@code LATERAL}. Where a one-statement shape exists without them it is used instead (a to-one
 * as a one-row MULTISET, a nested limit on MariaDB as a slice of the level's ordered JSON array); where none does, {@link io.jooqrelations.query.ReadStrategy#QUERY_PER_LEVEL} reads the
 * same tree in a statement per level inside one transaction.
 */
public final class DialectSupport {

    /** A capability of nested reads that not every dialect has. */
    public enum Feature {
        NESTED_LIMIT("limit(...) or offset(...) on a nested level, and to-ones through a junction (one row of several)",
                "read the relation with .strategy(ReadStrategy.QUERY_PER_LEVEL) (typed reads: per-parent windows in one "
                        + "snapshot), or leave out the nested limit/offset"),
        SELF_REFERENCE("a self-referential relation (e.g. comments.replies) nested with with(...) or withRecursive(...), "
                + "unless it is a bare key lookup (comments.parent)",
                "read it with .strategy(ReadStrategy.QUERY_PER_LEVEL)"),
        SELF_REFERENCE_FILTER("whereHas(...) / whereHasNo(...) over a self-referential relation, on either strategy",
                "write the condition over an aliased copy of the table, e.g. COMMENTS.ID.in(select(REPLY.PARENT_ID)"
                        + ".from(REPLY)) with REPLY = COMMENTS.as(\"reply\")"),
        TREE("withTree(...): a self-reference to its full depth with WITH RECURSIVE (a recursive CTE inside the "
                + "correlated subquery)",
                "read a fixed depth with withRecursive(relation, depth, ...)"),
        GROUPED("JoinShape.GROUPED: a top-level to-many aggregated once and joined",
                "use JoinShape.AUTO or CORRELATED"),
        STREAM("stream(fetchSize): rows read lazily through a cursor", "read pages with findPage(...)"),
        TIMEOUT("timeout(...) / withTimeout(...): the statement stopped by the database after a time (SQLite's driver "
                + "lets a running statement finish)",
                "bound the read's work instead (limits, pages), or set a timeout on the pool's connections");

        private final String description;
        private final String alternative;

        Feature(String description, String alternative) {
            this.description = description;
            this.alternative = alternative;
        }

        public String description() {
            return description;
        }

        public String alternative() {
            return alternative;
        }
    }

    private static final DialectSupport POSTGRES = new DialectSupport(SQLDialect.POSTGRES, EnumSet.allOf(Feature.class));
    private static final DialectSupport MARIADB = new DialectSupport(SQLDialect.MARIADB,
            EnumSet.of(Feature.NESTED_LIMIT, Feature.TIMEOUT));
    private static final DialectSupport MYSQL = new DialectSupport(SQLDialect.MYSQL, EnumSet.noneOf(Feature.class));
    private static final DialectSupport SQLITE = new DialectSupport(SQLDialect.SQLITE,
            EnumSet.of(Feature.NESTED_LIMIT, Feature.SELF_REFERENCE, Feature.SELF_REFERENCE_FILTER, Feature.TREE));

    private final SQLDialect family;
    private final Set<Feature> features;

    private DialectSupport(SQLDialect family, Set<Feature> features) {
        this.family = family;
        this.features = features;
    }

    /** Every supported dialect, in the order messages and the matrix list them. */
    private static final List<DialectSupport> ALL = List.of(POSTGRES, MARIADB, MYSQL, SQLITE);

    /** The support of {@code dialect}'s family, or an {@link UnsupportedOnDialectException} listing the supported ones. */
    public static DialectSupport of(SQLDialect dialect) {
        for (DialectSupport support : ALL) {
            if (support.family == dialect.family()) {
                return support;
            }
        }
        throw new UnsupportedOnDialectException("NestedReads.using(...) was given a DSLContext for " + dialect
                + "; nested reads support " + names() + ". Create the DSLContext with one of them, e.g. "
                + "DSL.using(dataSource, SQLDialect.POSTGRES).", dialect.family());
    }

    private static String names() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ALL.size(); i++) {
            text.append(i == 0 ? "" : i == ALL.size() - 1 ? " and " : ", ").append("SQLDialect.")
                    .append(ALL.get(i).family.name());
        }
        return text.toString();
    }

    public SQLDialect family() {
        return family;
    }

    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    /** Refuses {@code feature}, used by {@code operation} at {@code path}, when the dialect lacks it. */
    public void require(Feature feature, String operation, String path) {
        UnsupportedOnDialectException refusal = refusal(feature, operation, path);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** The refusal of {@code feature}, used by {@code operation} at {@code path}, or null when the dialect has it. */
    private UnsupportedOnDialectException refusal(Feature feature, String operation, String path) {
        return supports(feature) ? null : new UnsupportedOnDialectException(operation + " on " + path
                + " is not supported on " + displayName() + " (" + feature.description() + "). Instead, "
                + feature.alternative() + ".", family);
    }

    /** The dialect as messages and the matrix name it, e.g. {@code MariaDB}. */
    public String displayName() {
        return switch (family) {
            case POSTGRES -> "PostgreSQL";
            case MARIADB -> "MariaDB";
            case MYSQL -> "MySQL";
            default -> family.getName();
        };
    }

    /**
     * Whether the library decodes nested rows from PostgreSQL's JSON text itself ({@link NestedJson}) and may aggregate
     * a grouped join; elsewhere jOOQ reads the MULTISET emulation of the dialect.
     */
    boolean decodesNestedJson() {
        return family == SQLDialect.POSTGRES;
    }

    /** Whether a function takes few arguments (PostgreSQL 100, SQLite 127 by default): wide JSON objects are split. */
    boolean limitsFunctionArguments() {
        return family == SQLDialect.POSTGRES || family == SQLDialect.SQLITE;
    }

    /** Whether a JSON object too wide for one call is joined as text (PostgreSQL) rather than with {@code json_patch}. */
    boolean joinsJsonAsText() {
        return hasArrays();
    }

    /** Whether nested rows' values may carry their names (see {@code Projection.nested}): not on MariaDB and MySQL. */
    boolean namesNestedValues() {
        return family != SQLDialect.MARIADB && family != SQLDialect.MYSQL;
    }

    /** Whether a nested limit or offset is a slice of the level's ordered JSON array ({@link JsonSlice}): MariaDB. */
    boolean slicesNestedRows() {
        return family == SQLDialect.MARIADB;
    }

    /** Whether a to-one that is not a bare key lookup can be a {@code LEFT JOIN LATERAL} (else a one-row MULTISET). */
    boolean lateral() {
        return family == SQLDialect.POSTGRES;
    }

    /**
     * Whether a query-per-level snapshot is started in SQL ({@code start transaction isolation level repeatable read,
     * read only}) rather than through the JDBC connection's settings.
     */
    boolean startsSnapshotInSql() {
        return family == SQLDialect.POSTGRES;
    }

    /** Whether the dialect has arrays: a tree's path of keys is one (else text, see {@code TreeSql}). */
    boolean hasArrays() {
        return family == SQLDialect.POSTGRES;
    }

    /**
     * Whether a query-per-level snapshot is {@code REPEATABLE READ READ ONLY}; SQLite's transactions are serializable
     * anyway and its driver fixes read-only when it connects.
     */
    boolean setsSnapshotIsolation() {
        return family != SQLDialect.SQLITE;
    }

    /**
     * Whether a statement can fail on purpose (a text cast to a number fails on PostgreSQL), which JSON reads use for a
     * required to-one without a row; MariaDB and SQLite cast any text without an error.
     */
    boolean failsOnBadCast() {
        return family == SQLDialect.POSTGRES;
    }

    /**
     * Whether jOOQ sends its MULTISET emulation behind {@code set @@group_concat_max_len} statements (MariaDB, MySQL),
     * which a prepared read's plain-SQL execution must not see.
     */
    boolean emulatesWithGroupConcat() {
        return family == SQLDialect.MARIADB || family == SQLDialect.MYSQL;
    }

    /**
     * {@code value}, JSON out of a subquery, a derived table or a {@code case}, as the JSON it is: MariaDB and SQLite
     * would otherwise embed it in its parent object as a string. PostgreSQL's {@code json} keeps its type.
     */
    org.jooq.Field<org.jooq.JSON> asJson(org.jooq.Field<org.jooq.JSON> value) {
        return switch (family) {
            case MARIADB, MYSQL -> org.jooq.impl.DSL.field("json_extract({0}, '$')", org.jooq.impl.SQLDataType.JSON, value);
            case SQLITE -> org.jooq.impl.DSL.field("json({0})", org.jooq.impl.SQLDataType.JSON, value);
            default -> value;
        };
    }

    /** Whether a batch of keys binds as one array ({@code = any(?)}) rather than an {@code in (...)} list. */
    boolean arrayKeys() {
        return hasArrays();
    }

    /**
     * Why the dialect cannot run {@code root} in one statement ({@code singleStatement}, typed or JSON) or a statement
     * per level, or null when it can. Asked by the {@link ReadPlanner} of the frozen plan, before any SQL is built.
     */
    UnsupportedOnDialectException refusal(LevelPlan level, boolean singleStatement) {
        for (io.jooqrelations.relations.Relation relation : level.filterRelations()) {
            if (selfReferential(relation)) {
                UnsupportedOnDialectException refusal = refusal(Feature.SELF_REFERENCE_FILTER,
                        "whereHas(\"" + relation.name() + "\")", level.path());
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        if (!level.trees().isEmpty()) {
            UnsupportedOnDialectException refusal = refusal(Feature.TREE,
                    "withTree(\"" + level.trees().get(0).name() + "\")", level.path());
            if (refusal != null) {
                return refusal;
            }
        }
        for (LevelPlan.Child child : level.children()) {
            String with = "with(\"" + child.name() + "\")";
            UnsupportedOnDialectException refusal = null;
            // a self-referential key lookup is a join of the aliased table, which every dialect can write
            if (singleStatement && selfReferential(child.relation()) && child.shape() != LevelPlan.Shape.LOOKUP_JOIN) {
                refusal = refusal(Feature.SELF_REFERENCE, with, level.path());
            }
            if (refusal == null && singleStatement && child.windowed()) {
                refusal = refusal(Feature.NESTED_LIMIT, with, level.path());
            }
            if (refusal == null) {
                refusal = refusal(child.level(), singleStatement);
            }
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** Whether walking {@code relation} reads its own source table again (the target or the junction). */
    private static boolean selfReferential(io.jooqrelations.relations.Relation relation) {
        return TableNames.sameTable(relation.target(), relation.source())
                || relation.junction().map(j -> TableNames.sameTable(j, relation.source())).orElse(false);
    }

    /**
     * The support matrix, one line per feature: a Markdown table of every feature against every supported dialect
     * ({@code yes}, or {@code no} and what to do instead).
     */
    public static String matrix() {
        List<DialectSupport> all = ALL;
        StringBuilder table = new StringBuilder("| feature |");
        // MySQL runs with MariaDB's rules, but no build here starts a MySQL server (it needs Docker)
        all.forEach(d -> table.append(' ').append(d.displayName()).append(d == MYSQL ? " (not tested)" : "").append(" |"));
        table.append("\n| --- |");
        all.forEach(d -> table.append(" --- |"));
        table.append('\n');
        for (String[] row : baseline()) {
            table.append("| ").append(row[0]).append(" |");
            all.forEach(d -> table.append(" yes |"));
            table.append('\n');
        }
        for (Feature feature : Feature.values()) {
            table.append("| ").append(feature.description()).append(" |");
            all.forEach(d -> table.append(' ').append(d.supports(feature) ? "yes" : "no: " + feature.alternative())
                    .append(" |"));
            table.append('\n');
        }
        return table.toString();
    }

    /** What every supported dialect runs in one statement. */
    private static List<String[]> baseline() {
        return List.of(
                new String[] {"to-many relations, nested to any depth and breadth; where, orderBy, columns, extras"},
                new String[] {"to-one relations (a key lookup as a join; with its own where, extras or relations as a "
                        + "one-row MULTISET where there is no LATERAL)"},
                new String[] {"many-to-many through a junction, relation filters, tenant scoping"},
                new String[] {"whereHas / whereHasNo over non-self-referential relations"},
                new String[] {"typed records, Java records, JSON built by the database (findManyJson, findFirstJson), "
                        + "findPage keyset pages, prepare()"},
                new String[] {"ReadStrategy.QUERY_PER_LEVEL (in (...) key lists outside PostgreSQL), in one "
                        + "transaction"});
    }

    @Override
    public String toString() {
        return displayName().toLowerCase(Locale.ROOT);
    }
}

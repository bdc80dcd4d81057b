package io.jooqrelations.relations;

import static io.jooqrelations.relations.Link.from;
import static io.jooqrelations.relations.Link.link;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static io.jooqrelations.schema.Tables.INVOICE_LINE_ITEMS;
import static io.jooqrelations.schema.Tables.INVOICE_TAGS;
import static io.jooqrelations.schema.Tables.MEMBERSHIPS;
import static io.jooqrelations.schema.Tables.ORGANIZATIONS;
import static io.jooqrelations.schema.Tables.TAGS;
import static io.jooqrelations.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.schema.DefaultSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the declaration API: random declarations over the example tables either build a graph or fail with a
 * {@link RelationsException}, never with anything else; a graph that builds answers coverage, Mermaid and lookups.
 * Deterministic: iteration {@code i} uses seed {@code BASE_SEED + i}, printed in every failure together with the
 * declarations made so far; {@code -Dfuzz.iterations=N} runs more seeds.
 *
 * <p>Not generated, because they fail today with a {@link NullPointerException} rather than a
 * {@link RelationsException}: {@code alias(null)}, {@code where(null)} and {@code findRelation(table, null)} on a table
 * without relations.
 */
class RandomDeclarationsTest {

    private static final long BASE_SEED = 0x5EED_2024L;
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 2000);

    /** A table with real columns outside the example schema. */
    static final class AuditLog extends TableImpl<Record> {

        private static final long serialVersionUID = 1L;

        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT, this, "");
        final TableField<Record, Long> INVOICE_ID = createField(DSL.name("invoice_id"), SQLDataType.BIGINT, this, "");
        final TableField<Record, String> ACTION = createField(DSL.name("action"), SQLDataType.CLOB, this, "");

        AuditLog() {
            super(DSL.name("audit_log"));
        }
    }

    private static final AuditLog AUDIT_LOG = new AuditLog();

    private static final List<Table<?>> TABLES =
            List.of(INVOICES, USERS, ORGANIZATIONS, MEMBERSHIPS, INVOICE_LINE_ITEMS, TAGS, INVOICE_TAGS, COMMENTS);

    /** Tables that are not (or not exactly) the generated ones: outside the schema, aliased, plain by name. */
    private static final List<Table<?>> STRANGERS = List.of(AUDIT_LOG, DSL.table(DSL.name("audit_log")),
            INVOICES.as("i"), DSL.table(DSL.name("invoices")), USERS.as("u"));

    private static final List<String> PLAUSIBLE_NAMES = List.of("organization", "invoices", "invoice", "lineItems", "tags",
            "user", "users", "memberships", "comments", "author", "assignee", "creator", "parent", "replies", "owner",
            "items", "Invoices", "x", "a_b", "A1");

    private static final List<String> HOSTILE_NAMES = List.of("", " ", "  ", "\t", "\n", "line items",
            "x'; drop table invoices; --", "Robert'); DROP TABLE students;--", "1abc", "_x", "naïve", "a".repeat(63),
            "a".repeat(64), "\u0000", "lineItems\n", "\"quoted\"", "ä", "\uD83D\uDE00", "a-b", "a.b", "$x", "${x}");

    private static final List<String> ALIASES = List.of("assignee", "creator", "thread", "a", "b", "tags", "", " ",
            "bad alias", "x'; --", "1x", "a".repeat(64));

    /** Fragments that tell the validation rules apart in the summary (and show the generator reaches each of them). */
    private static final List<String> RULES = List.of("has a null name", "has an empty name",
            "at most 63 characters", "which is not a valid identifier",
            "has a null target table", "was given a null Link", "is not part of schema", "collides with column",
            "declares relation", "go together", "through(...) is given twice", ": from column", ": to column",
            "a composite key needs", "each hop needs", "have incompatible types", "through(...) is given after",
            "two different junction tables", "must follow from(...) or to(...)", "was given null as column",
            "needs at least one column", "is a many: optional(...)", "has no partner", "is used by",
            "could be the other end", "and that alias to infer", "The relations back carry aliases", "has no relation back");

    /** The example domain's edges, declared the right way: the from/to side and the name of the bare reverse side. */
    private record Edge(Table<?> child, String childName, RelationKind childKind, Table<?> parent, String parentName,
            TableField<?, ?>[] childColumns, TableField<?, ?>[] childJunction, TableField<?, ?>[] parentColumns,
            TableField<?, ?>[] parentJunction, String alias) {
    }

    private static final TableField<?, ?>[] NONE = new TableField<?, ?>[0];

    private static final List<Edge> EDGES = List.of(
            edge(INVOICES, "organization", ORGANIZATIONS, "invoices", INVOICES.ORGANIZATION_ID, ORGANIZATIONS.ID, null),
            edge(INVOICES, "assignee", USERS, "assignedInvoices", INVOICES.ASSIGNED_TO_ID, USERS.ID, "assignee"),
            edge(INVOICES, "creator", USERS, "createdInvoices", INVOICES.CREATED_BY_ID, USERS.ID, "creator"),
            edge(MEMBERSHIPS, "organization", ORGANIZATIONS, "memberships", MEMBERSHIPS.ORGANIZATION_ID, ORGANIZATIONS.ID,
                    null),
            edge(MEMBERSHIPS, "user", USERS, "memberships", MEMBERSHIPS.USER_ID, USERS.ID, null),
            edge(INVOICE_LINE_ITEMS, "invoice", INVOICES, "lineItems", INVOICE_LINE_ITEMS.INVOICE_ID, INVOICES.ID, null),
            edge(COMMENTS, "invoice", INVOICES, "comments", COMMENTS.INVOICE_ID, INVOICES.ID, null),
            edge(COMMENTS, "author", USERS, "comments", COMMENTS.AUTHOR_ID, USERS.ID, null),
            edge(COMMENTS, "parent", COMMENTS, "replies", COMMENTS.PARENT_ID, COMMENTS.ID, null),
            new Edge(INVOICES, "tags", RelationKind.MANY, TAGS, "invoices", new TableField<?, ?>[] {INVOICES.ID},
                    new TableField<?, ?>[] {INVOICE_TAGS.INVOICE_ID}, new TableField<?, ?>[] {TAGS.ID},
                    new TableField<?, ?>[] {INVOICE_TAGS.TAG_ID}, null));

    private static Edge edge(Table<?> child, String childName, Table<?> parent, String parentName, TableField<?, ?> fk,
            TableField<?, ?> key, String alias) {
        return new Edge(child, childName, RelationKind.ONE, parent, parentName, new TableField<?, ?>[] {fk}, NONE,
                new TableField<?, ?>[] {key}, NONE, alias);
    }

    /** What a successful graph must then hold. */
    private record Declared(Table<?> source, String name, RelationKind kind, Table<?> target) {
    }

    @Test
    void randomDeclarationsEitherBuildAGraphOrFailWithARelationsException() {
        int successes = 0;
        int failures = 0;
        Map<String, Integer> failureKinds = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            long seed = BASE_SEED + i;
            Random rnd = new Random(seed);
            List<Declared> declared = new ArrayList<>();
            StringBuilder log = new StringBuilder();
            Consumer<RelationsBuilder> declarations = r -> declare(rnd, r, declared, log);
            Relations graph;
            try {
                graph = define(rnd, declarations, log);
            } catch (RelationsException e) {
                failures++;
                assertThat(e.getMessage()).as(context(seed, log, "failure message")).isNotBlank();
                failureKinds.merge(rule(e), 1, Integer::sum);
                continue;
            } catch (Throwable t) {
                throw new AssertionError(
                        context(seed, log, "Relations.define threw " + t + " instead of a RelationsException"), t);
            }
            successes++;
            exercise(seed, log, rnd, graph, declared);
        }
        String summary = "successes=" + successes + ", failures=" + failures + " over " + ITERATIONS + " seeds from "
                + BASE_SEED + "; failure kinds: " + failureKinds;
        System.out.println("RandomDeclarationsTest: " + summary);
        assertThat(successes).as(summary).isGreaterThan(0);
        assertThat(failures).as(summary).isGreaterThan(0);
        assertThat(failureKinds).as("distinct failure kinds, " + summary).hasSizeGreaterThanOrEqualTo(10);
    }

    private static Relations define(Random rnd, Consumer<RelationsBuilder> declarations, StringBuilder log) {
        int which = rnd.nextInt(100);
        if (which < 70) {
            log.append("Relations.define(DEFAULT_SCHEMA, r -> {\n");
            return Relations.define(DefaultSchema.DEFAULT_SCHEMA, declarations);
        }
        if (which < 97) {
            log.append("Relations.define(r -> {\n");
            return Relations.define(declarations);
        }
        Schema other = DSL.schema(DSL.name("other"));
        log.append("Relations.define(schema \"other\", r -> {\n");
        return Relations.define(other, declarations);
    }

    // --- generation ------------------------------------------------------------------------------------------------

    private static void declare(Random rnd, RelationsBuilder r, List<Declared> declared, StringBuilder log) {
        if (rnd.nextInt(100) < 50) {
            List<Edge> edges = new ArrayList<>(EDGES);
            Collections.shuffle(edges, rnd);
            edges.subList(0, 1 + rnd.nextInt(6)).forEach(e -> declareEdge(rnd, r, declared, log, e));
            int extra = rnd.nextInt(100);
            if (extra < 30) {
                declareRandom(rnd, r, declared, log);
            } else if (extra < 60) {
                declareTricky(rnd, r, declared, log);
            }
        } else {
            int count = 1 + rnd.nextInt(6);
            for (int d = 0; d < count; d++) {
                declareRandom(rnd, r, declared, log);
            }
        }
        log.append("})");
    }

    /** One example edge: its from/to side (usually) and its reverse side (usually bare). */
    private static void declareEdge(Random rnd, RelationsBuilder r, List<Declared> declared, StringBuilder log, Edge e) {
        if (e.alias() != null && rnd.nextInt(100) < 15) {
            e = new Edge(e.child(), e.childName(), e.childKind(), e.parent(), e.parentName(), e.childColumns(),
                    e.childJunction(), e.parentColumns(), e.parentJunction(), null);
        }
        if (rnd.nextInt(100) < 90) {
            StringBuilder text = new StringBuilder();
            Link link = explicit(e.childColumns(), e.childJunction(), e.parentColumns(), e.parentJunction(), text);
            link = options(rnd, link, e.childKind(), e.alias(), e.parent(), text);
            add(r, declared, log, e.child(), e.childName(), e.childKind(), e.parent(), link, text.toString());
        }
        if (rnd.nextInt(100) < 85) {
            StringBuilder text = new StringBuilder();
            Link link;
            if (rnd.nextInt(100) < 80) {
                link = link();
                text.append("link()");
            } else {
                link = explicit(e.parentColumns(), e.parentJunction(), e.childColumns(), e.childJunction(), text);
            }
            link = options(rnd, link, RelationKind.MANY, e.alias(), e.child(), text);
            add(r, declared, log, e.parent(), e.parentName(), RelationKind.MANY, e.child(), link, text.toString());
        }
    }

    private static Link explicit(TableField<?, ?>[] from, TableField<?, ?>[] fromThrough, TableField<?, ?>[] to,
            TableField<?, ?>[] toThrough, StringBuilder text) {
        Link link = from(from);
        text.append("from(").append(columns(from)).append(')');
        if (fromThrough.length > 0) {
            link = link.through(fromThrough);
            text.append(".through(").append(columns(fromThrough)).append(')');
        }
        link = link.to(to);
        text.append(".to(").append(columns(to)).append(')');
        if (toThrough.length > 0) {
            link = link.through(toThrough);
            text.append(".through(").append(columns(toThrough)).append(')');
        }
        return link;
    }

    /** Alias (the edge's, usually), a filter sometimes, optional(...) on ones sometimes and rarely on manys. */
    private static Link options(Random rnd, Link link, RelationKind kind, String alias, Table<?> target,
            StringBuilder text) {
        if (alias != null && rnd.nextInt(100) < 95) {
            link = link.alias(alias);
            text.append(".alias(\"").append(alias).append("\")");
        }
        if (rnd.nextInt(100) < 20) {
            Condition condition = condition(rnd, target);
            link = link.where(condition);
            text.append(".where(").append(condition).append(')');
        }
        int optional = rnd.nextInt(100);
        if (kind == RelationKind.ONE ? optional < 40 : optional < 3) {
            boolean value = rnd.nextBoolean();
            link = link.optional(value);
            text.append(".optional(").append(value).append(')');
        }
        return link;
    }

    private static void declareRandom(Random rnd, RelationsBuilder r, List<Declared> declared, StringBuilder log) {
        Table<?> source = rnd.nextInt(100) < 85 ? pick(rnd, TABLES) : pick(rnd, STRANGERS);
        RelationKind kind = rnd.nextBoolean() ? RelationKind.ONE : RelationKind.MANY;
        String name = name(rnd, source, declared);
        int t = rnd.nextInt(100);
        Table<?> target = t < 82 ? pick(rnd, TABLES) : t < 95 ? pick(rnd, STRANGERS) : null;
        int l = rnd.nextInt(100);
        if (l < 8) {
            log.append("  r.table(").append(source.getName()).append(").").append(kind(kind)).append('(')
                    .append(quote(name)).append(", ").append(tableName(target)).append(");\n");
            declared.add(new Declared(source, name, kind, target));
            if (kind == RelationKind.ONE) {
                r.table(source).one(name, target);
            } else {
                r.table(source).many(name, target);
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        Link link;
        if (l < 12) {
            link = null;
            text.append("null");
        } else if (l < 40) {
            link = link();
            text.append("link()");
            link = randomOptions(rnd, link, target, text);
        } else {
            link = randomExplicit(rnd, source, target, text);
            link = randomOptions(rnd, link, target, text);
        }
        add(r, declared, log, source, name, kind, target, link, text.toString());
    }

    /** Declarations aimed at the inference and alias rules, which uniformly random ones seldom reach. */
    private static void declareTricky(Random rnd, RelationsBuilder r, List<Declared> declared, StringBuilder log) {
        String name = "extra" + rnd.nextInt(100);
        String alias = rnd.nextBoolean() ? pick(rnd, List.of("assignee", "creator", "thread")) : null;
        StringBuilder text = new StringBuilder();
        switch (rnd.nextInt(6)) {
            case 0: {
                // another bare end between users and invoices, with or without an alias
                Link link = link();
                text.append("link()");
                if (alias != null) {
                    link = link.alias(alias);
                    text.append(".alias(").append(quote(alias)).append(')');
                }
                add(r, declared, log, USERS, name, RelationKind.MANY, INVOICES, link, text.toString());
                break;
            }
            case 1: {
                // another from/to end between invoices and users, with or without an alias
                TableField<?, ?> fk = rnd.nextBoolean() ? INVOICES.ASSIGNED_TO_ID : INVOICES.CREATED_BY_ID;
                Link link = from(fk).to(USERS.ID);
                text.append("from(invoices.").append(fk.getName()).append(").to(users.id)");
                if (alias != null) {
                    link = link.alias(alias);
                    text.append(".alias(").append(quote(alias)).append(')');
                }
                add(r, declared, log, INVOICES, name, RelationKind.ONE, USERS, link, text.toString());
                break;
            }
            case 2: {
                // a self reference end on comments, bare or explicit, maybe aliased
                Link link = rnd.nextBoolean() ? link() : from(COMMENTS.PARENT_ID).to(COMMENTS.ID);
                text.append(link.isExplicit() ? "from(comments.parent_id).to(comments.id)" : "link()");
                if (alias != null) {
                    link = link.alias(alias);
                    text.append(".alias(").append(quote(alias)).append(')');
                }
                RelationKind kind = link.isExplicit() ? RelationKind.ONE : RelationKind.MANY;
                add(r, declared, log, COMMENTS, name, kind, COMMENTS, link, text.toString());
                break;
            }
            case 3: {
                // two bare ends that only share an alias
                String shared = "pair" + rnd.nextInt(3);
                add(r, declared, log, INVOICES, name, RelationKind.ONE, USERS, link().alias(shared),
                        "link().alias(\"" + shared + "\")");
                add(r, declared, log, USERS, name + "Back", RelationKind.MANY, INVOICES, link().alias(shared),
                        "link().alias(\"" + shared + "\")");
                break;
            }
            case 4: {
                // through given twice on the to side
                Link link = from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID)
                        .to(TAGS.ID).through(INVOICE_TAGS.TAG_ID);
                add(r, declared, log, INVOICES, name, RelationKind.MANY, TAGS, link, "from(invoices.id)"
                        + ".through(invoice_tags.invoice_id).to(tags.id).through(invoice_tags.tag_id).to(tags.id)"
                        + ".through(invoice_tags.tag_id)");
                break;
            }
            default: {
                // a composite or mismatched hop through the junction
                Link link = from(INVOICES.ID, INVOICES.ORGANIZATION_ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID)
                        .through(INVOICE_TAGS.TAG_ID);
                add(r, declared, log, INVOICES, name, RelationKind.MANY, TAGS, link, "from(invoices.id, "
                        + "invoices.organization_id).through(invoice_tags.invoice_id).to(tags.id)"
                        + ".through(invoice_tags.tag_id)");
                break;
            }
        }
    }

    private static Link randomExplicit(Random rnd, Table<?> source, Table<?> target, StringBuilder text) {
        Link link;
        boolean through = rnd.nextInt(100) < 25;
        if (rnd.nextInt(100) < 93) {
            TableField<?, ?>[] from = columns(rnd, source);
            text.append("from(").append(columns(from)).append(')');
            link = from(from);
        } else {
            text.append("link()");
            link = link();
        }
        Table<?> junction = rnd.nextInt(100) < 70 ? INVOICE_TAGS : pick(rnd, TABLES);
        if (through && rnd.nextInt(100) < 85 || rnd.nextInt(100) < 4) {
            TableField<?, ?>[] columns = columns(rnd, junction);
            text.append(".through(").append(columns(columns)).append(')');
            link = link.through(columns);
        }
        if (rnd.nextInt(100) < 92) {
            TableField<?, ?>[] to = columns(rnd, target);
            text.append(".to(").append(columns(to)).append(')');
            link = link.to(to);
        }
        if (through && rnd.nextInt(100) < 85 || rnd.nextInt(100) < 4) {
            TableField<?, ?>[] columns = columns(rnd, rnd.nextInt(100) < 85 ? junction : pick(rnd, TABLES));
            text.append(".through(").append(columns(columns)).append(')');
            link = link.through(columns);
        }
        int chaos = rnd.nextInt(100);
        if (chaos < 3) {
            TableField<?, ?>[] columns = columns(rnd, junction);
            text.append(".through(").append(columns(columns)).append(')');
            link = link.through(columns);
        } else if (chaos < 6) {
            TableField<?, ?>[] to = columns(rnd, target);
            text.append(".to(").append(columns(to)).append(')');
            link = link.to(to);
        } else if (chaos < 8) {
            TableField<?, ?>[] to = columns(rnd, target);
            TableField<?, ?>[] columns = columns(rnd, junction);
            text.append(".to(").append(columns(to)).append(").through(").append(columns(columns)).append(')');
            link = link.to(to).through(columns);
        }
        return link;
    }

    private static Link randomOptions(Random rnd, Link link, Table<?> target, StringBuilder text) {
        if (rnd.nextInt(100) < 35) {
            String alias = pick(rnd, ALIASES);
            link = link.alias(alias);
            text.append(".alias(").append(quote(alias)).append(')');
        }
        if (rnd.nextInt(100) < 20) {
            Condition condition = condition(rnd, target);
            link = link.where(condition);
            text.append(".where(").append(condition).append(')');
        }
        if (rnd.nextInt(100) < 20) {
            boolean value = rnd.nextBoolean();
            link = link.optional(value);
            text.append(".optional(").append(value).append(')');
        }
        return link;
    }

    private static void add(RelationsBuilder r, List<Declared> declared, StringBuilder log, Table<?> source, String name,
            RelationKind kind, Table<?> target, Link link, String linkText) {
        log.append("  r.table(").append(source.getName()).append(").").append(kind(kind)).append('(').append(quote(name))
                .append(", ").append(tableName(target)).append(", ").append(linkText).append(");\n");
        declared.add(new Declared(source, name, kind, target));
        if (kind == RelationKind.ONE) {
            r.table(source).one(name, target, link);
        } else {
            r.table(source).many(name, target, link);
        }
    }

    private static String name(Random rnd, Table<?> source, List<Declared> declared) {
        int n = rnd.nextInt(100);
        if (n < 45) {
            return rnd.nextInt(4) == 0 ? "rel" + rnd.nextInt(1000) : pick(rnd, PLAUSIBLE_NAMES);
        }
        if (n < 60) {
            List<String> same = declared.stream().filter(d -> d.source() == source && d.name() != null)
                    .map(Declared::name).collect(Collectors.toList());
            return same.isEmpty() ? pick(rnd, PLAUSIBLE_NAMES) : pick(rnd, same);
        }
        if (n < 75) {
            Field<?>[] fields = source.fields();
            if (fields.length == 0) {
                return "id";
            }
            String column = fields[rnd.nextInt(fields.length)].getName();
            return rnd.nextBoolean() ? column : io.jooqrelations.relations.internal.CamelCase.of(column);
        }
        if (n < 95) {
            return pick(rnd, HOSTILE_NAMES);
        }
        return null;
    }

    /** One or two columns, mostly of {@code table}, sometimes of another table, rarely null. */
    private static TableField<?, ?>[] columns(Random rnd, Table<?> table) {
        TableField<?, ?>[] columns = new TableField<?, ?>[rnd.nextInt(100) < 80 ? 1 : 2];
        for (int i = 0; i < columns.length; i++) {
            int c = rnd.nextInt(100);
            if (c < 2) {
                columns[i] = null;
            } else {
                Table<?> from = c < 77 && table != null ? table : pick(rnd, rnd.nextInt(100) < 85 ? TABLES : STRANGERS);
                columns[i] = column(rnd, from);
            }
        }
        return columns;
    }

    private static TableField<?, ?> column(Random rnd, Table<?> table) {
        List<TableField<?, ?>> fields = Arrays.stream(table.fields()).filter(f -> f instanceof TableField)
                .map(f -> (TableField<?, ?>) f).collect(Collectors.toList());
        return fields.isEmpty() ? column(rnd, pick(rnd, TABLES)) : fields.get(rnd.nextInt(fields.size()));
    }

    private static Condition condition(Random rnd, Table<?> target) {
        switch (rnd.nextInt(4)) {
            case 0:
                return DSL.noCondition();
            case 1:
                return DSL.trueCondition();
            case 2:
                return column(rnd, target == null ? pick(rnd, TABLES) : target).isNotNull();
            default:
                return column(rnd, pick(rnd, TABLES)).isNull();
        }
    }

    // --- what a built graph must answer ----------------------------------------------------------------------------

    private static void exercise(long seed, StringBuilder log, Random rnd, Relations graph, List<Declared> declared) {
        onlyRelationsExceptions(seed, log, "coverage()", () -> {
            CoverageReport report = graph.coverage();
            report.isComplete();
            report.uncoveredForeignKeys();
            report.oneSidedForeignKeys();
            report.relationsWithoutForeignKey();
            assertThat(report.toString()).isNotEmpty();
        });
        onlyRelationsExceptions(seed, log, "toMermaid()",
                () -> assertThat(graph.toMermaid()).startsWith("flowchart LR\n"));
        onlyRelationsExceptions(seed, log, "tables()/allRelations()", () -> {
            graph.tables().forEach(Table::getName);
            graph.allRelations().forEach(Relation::toString);
        });
        mustHold(seed, log, "every declaration is one relation",
                () -> assertThat(graph.allRelations()).hasSize(declared.size()));
        for (Declared d : declared) {
            mustHold(seed, log, "relation(" + d.source().getName() + ", " + quote(d.name()) + ")", () -> {
                Relation relation = graph.relation(d.source(), d.name());
                assertThat(relation.name()).isEqualTo(d.name());
                assertThat(relation.kind()).isEqualTo(d.kind());
                assertThat(sameTable(relation.source(), d.source())).isTrue();
                assertThat(sameTable(relation.target(), d.target())).isTrue();
                assertThat(graph.findRelation(d.source(), d.name())).contains(relation);
                assertThat(graph.relationsOf(d.source())).containsKey(d.name());
                assertThat(relation.toString()).isNotEmpty();
                RelationHandle<?, ?> handle = d.kind() == RelationKind.ONE
                        ? graph.one(d.source(), d.name(), d.target())
                        : graph.many(d.source(), d.name(), d.target());
                assertThat(handle.relation()).isSameAs(relation);
            });
            int o = rnd.nextInt(100);
            Table<?> otherTarget = o < 80 ? pick(rnd, TABLES) : o < 90 ? pick(rnd, STRANGERS) : null;
            onlyRelationsExceptions(seed, log, "typed handles on " + d.source().getName() + "." + d.name(), () -> {
                try {
                    graph.one(d.source(), d.name(), otherTarget);
                } catch (UnknownRelationException expected) {
                    // the other kind or another target
                }
                graph.many(d.source(), d.name(), otherTarget);
            });
            String near = d.name().length() > 1 && rnd.nextBoolean() ? d.name().substring(0, d.name().length() - 1)
                    : d.name() + "s";
            onlyRelationsExceptions(seed, log, "relation(" + d.source().getName() + ", " + quote(near) + ")", () -> {
                graph.findRelation(d.source(), near);
                graph.relation(d.source(), near);
            });
        }
        for (int probe = 0; probe < 3; probe++) {
            Table<?> table = rnd.nextInt(100) < 85 ? pick(rnd, TABLES) : pick(rnd, STRANGERS);
            String name = rnd.nextBoolean() ? pick(rnd, HOSTILE_NAMES) : pick(rnd, PLAUSIBLE_NAMES);
            onlyRelationsExceptions(seed, log, "lookups of " + quote(name) + " on " + table.getName(), () -> {
                graph.relationsOf(table);
                graph.findRelation(table, name);
                graph.relation(table, name);
            });
        }
        onlyRelationsExceptions(seed, log, "null lookups", () -> {
            try {
                graph.relation(pick(rnd, TABLES), null);
            } catch (UnknownRelationException expected) {
                // a null name is unknown everywhere
            }
            graph.relationsOf(null);
        });
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check}; a {@link RelationsException} is an answer, anything else fails the test with the seed. */
    private static void onlyRelationsExceptions(long seed, StringBuilder log, String what, Check check) {
        try {
            check.run();
        } catch (RelationsException expected) {
            assertThat(expected.getMessage()).as(context(seed, log, what)).isNotBlank();
        } catch (Throwable t) {
            throw new AssertionError(context(seed, log, what + " threw " + t + " instead of a RelationsException"), t);
        }
    }

    /** Runs {@code check}, which must not throw at all on a graph that was built. */
    private static void mustHold(long seed, StringBuilder log, String what, Check check) {
        try {
            check.run();
        } catch (Throwable t) {
            throw new AssertionError(context(seed, log, what + " failed on a graph that was built: " + t), t);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static String context(long seed, StringBuilder log, String what) {
        return "seed " + seed + " (new Random(" + seed + "L)): " + what + "\ndeclarations:\n" + log;
    }

    private static String rule(RelationsException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + ": "
                + RULES.stream().filter(message::contains).findFirst().orElse("(other) " + message);
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String kind(RelationKind kind) {
        return kind == RelationKind.ONE ? "one" : "many";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0") + "\"";
    }

    /** The graph's notion of one table: same qualified name (a plain {@code DSL.table(name)} matches the generated one). */
    private static boolean sameTable(Table<?> a, Table<?> b) {
        return a.getQualifiedName().equals(b.getQualifiedName());
    }

    private static String tableName(Table<?> t) {
        return t == null ? "null" : t.getName();
    }

    private static String columns(TableField<?, ?>[] columns) {
        return Arrays.stream(columns).map(c -> c == null ? "null" : c.getTable().getName() + "." + c.getName())
                .collect(Collectors.joining(", "));
    }

}

package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.Suggestions;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The relations graph: which edges a nested read may walk, by which name, in which direction. Built once, validated
 * when built, immutable and thread-safe afterwards.
 *
 * <pre>{@code
 * import static io.jooqrelations.relations.Link.from;
 *
 * public static final Relations RELATIONS = Relations.define(DefaultSchema.DEFAULT_SCHEMA, r -> {
 *     r.table(ORGANIZATIONS).many("invoices", INVOICES);
 *     r.table(INVOICES)
 *         .one("organization", ORGANIZATIONS, from(INVOICES.ORGANIZATION_ID).to(ORGANIZATIONS.ID))
 *         .many("tags", TAGS, from(INVOICES.ID).through(INVOICE_TAGS.INVOICE_ID).to(TAGS.ID).through(INVOICE_TAGS.TAG_ID));
 *     r.table(TAGS).many("invoices", INVOICES);
 * });
 * public static final Many<InvoicesRecord, TagsRecord> TAGS_OF_INVOICE = RELATIONS.many(INVOICES, "tags", TAGS);
 * }</pre>
 */
public final class Relations {

    private final Map<String, Map<String, Relation>> byTable;
    private final Map<String, Table<?>> tables;
    /**
     * The relations of each table instance the graph holds, by identity: generated tables are singletons, so most
     * lookups (one per {@code with} of every read) find their table here without rendering its name.
     */
    private final Map<Table<?>, Map<String, Relation>> byInstance = new IdentityHashMap<>();

    private Relations(Map<String, Map<String, Relation>> byTable, Map<String, Table<?>> tables) {
        this.byTable = byTable;
        for (Table<?> table : tables.values()) {
            byInstance.put(table, byTable.getOrDefault(TableNames.key(table), Map.of()));
        }
        this.tables = tables;
    }

    /** Builds a graph over any jOOQ tables. */
    public static Relations define(Consumer<RelationsBuilder> declarations) {
        return build((List<Schema>) null, declarations);
    }

    /**
     * Builds a graph over the tables of {@code schema}: a relation to a table outside it is an error, and the
     * {@link #coverage()} report covers every foreign key of the schema.
     */
    public static Relations define(Schema schema, Consumer<RelationsBuilder> declarations) {
        if (schema == null) {
            throw new InvalidRelationsException("Relations.define(schema, ...) was given a null schema; pass the generated "
                    + "schema (e.g. DefaultSchema.DEFAULT_SCHEMA) or use Relations.define(r -> ...).");
        }
        return build(schema, declarations);
    }

    /**
     * Builds a graph over the tables of several schemas (e.g. {@code List.of(Crm.CRM, Auth.AUTH)}): relations may cross
     * them, a table outside all of them is an error, and {@link #coverage()} covers every foreign key of each.
     */
    public static Relations define(Collection<? extends Schema> schemas, Consumer<RelationsBuilder> declarations) {
        if (schemas == null || schemas.isEmpty() || schemas.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRelationsException("Relations.define(schemas, ...) needs the generated schemas the graph "
                    + "spans, e.g. List.of(Crm.CRM, Auth.AUTH); it was given " + schemas + ".");
        }
        return build(List.copyOf(schemas), declarations);
    }

    private static Relations build(Schema schema, Consumer<RelationsBuilder> declarations) {
        return build(schema == null ? null : List.of(schema), declarations);
    }

    private static Relations build(List<Schema> schemas, Consumer<RelationsBuilder> declarations) {
        if (declarations == null) {
            throw new InvalidRelationsException("Relations.define(...) was given null declarations; pass r -> { ... }.");
        }
        RelationsBuilder builder = new RelationsBuilder();
        declarations.accept(builder);
        if (RelationResolver.repeatsAName(builder.declarations)) {
            // declared once more, noting where each declaration is written, so that the error names both places
            RelationsBuilder traced = RelationsBuilder.tracing();
            declarations.accept(traced);
            if (Declaration.same(builder.declarations, traced.declarations)) {   // else not a plain relations file
                builder = traced;
            }
        }
        Map<String, Table<?>> schemaTables = null;
        String schemaName = null;
        if (schemas != null) {
            schemaTables = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (Schema schema : schemas) {
                for (Table<?> t : schema.getTables()) {
                    schemaTables.put(TableNames.key(t), t);
                }
                names.add(schema.getName().isEmpty() ? "(the default schema)" : "'" + schema.getName() + "'");
            }
            schemaName = (names.size() == 1 ? "schema " : "schemas ") + String.join(", ", names);
        }
        Map<String, Map<String, Relation>> resolved = new RelationResolver(builder.declarations, schemaTables, schemaName)
                .resolve();
        Map<String, Table<?>> tables = new LinkedHashMap<>();
        if (schemaTables != null) {
            tables.putAll(schemaTables);
        }
        for (Declaration d : builder.declarations) {
            tables.putIfAbsent(TableNames.key(d.source), d.source);
            tables.putIfAbsent(TableNames.key(d.target), d.target);
        }
        resolved.values().forEach(m -> m.values().forEach(r -> r.junction().ifPresent(j -> tables.putIfAbsent(TableNames.key(j), j))));
        Map<String, Map<String, Relation>> frozen = new LinkedHashMap<>();
        resolved.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        for (Declaration d : builder.declarations) {
            if (d.handle != null) {
                d.handle.bind(frozen.get(TableNames.key(d.source)).get(d.name));
            }
        }
        return new Relations(Collections.unmodifiableMap(frozen), Collections.unmodifiableMap(tables));
    }

    /** Every table the graph knows: the schema's, or those named in declarations. */
    public Collection<Table<?>> tables() {
        return tables.values();
    }

    /** The relations declared on {@code table}, by name, in declaration order (empty if none). */
    public Map<String, Relation> relationsOf(Table<?> table) {
        requireTable(table);
        Map<String, Relation> known = byInstance.get(table);
        return known != null ? known : byTable.getOrDefault(TableNames.key(table), Map.of());
    }

    /** Every relation of the graph. */
    public List<Relation> allRelations() {
        List<Relation> all = new ArrayList<>();
        byTable.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** The relation if {@code table} has one by that name. */
    public Optional<Relation> findRelation(Table<?> table, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(relationsOf(table).get(name));
    }

    /**
     * The relation {@code name} of {@code table}, or an {@link UnknownRelationException} listing the relations the table
     * has and the nearest name — safe to call with a name from user input ({@code ?include=...}).
     */
    public Relation relation(Table<?> table, String name) {
        Map<String, Relation> relations = relationsOf(table);
        if (name == null) {
            throw new UnknownRelationException("A relation name for table " + TableNames.displayName(table) + " is null. "
                    + describeAvailable(table, relations));
        }
        Relation relation = relations.get(name);
        if (relation == null) {
            String suggestion = Suggestions.nearest(name, relations.keySet()).map(n -> " Did you mean '" + n + "'?").orElse("");
            throw new UnknownRelationException("Table " + TableNames.displayName(table) + " has no relation '" + name + "'." + suggestion
                    + " " + describeAvailable(table, relations));
        }
        return relation;
    }

    private static String describeAvailable(Table<?> table, Map<String, Relation> relations) {
        return relations.isEmpty()
                ? "It has no relations at all; declare them in the relations file with r.table(" + table.getName() + ")...."
                : "Its relations are: " + String.join(", ", relations.keySet()) + ".";
    }

    /** A typed handle on the to-one relation {@code name}; fails at once if it is missing, a many, or leads elsewhere. */
    public <S extends Record, T extends Record> One<S, T> one(Table<S> source, String name, Table<T> target) {
        return new One<>(checkedHandle(source, name, target, RelationKind.ONE));
    }

    /** A typed handle on the to-many relation {@code name}; fails at once if it is missing, a one, or leads elsewhere. */
    public <S extends Record, T extends Record> Many<S, T> many(Table<S> source, String name, Table<T> target) {
        return new Many<>(checkedHandle(source, name, target, RelationKind.MANY));
    }

    private Relation checkedHandle(Table<?> source, String name, Table<?> target, RelationKind kind) {
        Relation relation = relation(source, name);
        if (relation.kind() != kind) {
            String method = kind == RelationKind.ONE ? "one" : "many";
            String other = kind == RelationKind.ONE ? "many" : "one";
            throw new UnknownRelationException("Relation " + relation.qualifiedName() + " is a " + other + ", not a " + method
                    + "; create its handle with RELATIONS." + other + "(" + source.getName() + ", \"" + name + "\", "
                    + relation.target().getName() + ").");
        }
        if (target == null || !RelationResolver.sameTable(target, relation.target())) {
            throw new UnknownRelationException("Relation " + relation.qualifiedName() + " leads to "
                    + relation.target().getName() + ", not to " + (target == null ? "null" : target.getName())
                    + "; pass " + relation.target().getName() + " as the handle's target.");
        }
        return relation;
    }

    /** Compares the graph with the foreign keys jOOQ knows ({@code Table.getReferences()}) of every table in it. */
    public CoverageReport coverage() {
        return CoverageReport.of(this);
    }

    /** The graph as a Mermaid flowchart: tables as nodes, relations as labelled edges. */
    public String toMermaid() {
        return MermaidDiagram.render(this);
    }

    private void requireTable(Table<?> table) {
        if (table == null) {
            throw new UnknownRelationException("Table is null; pass a generated table such as Tables.INVOICES.");
        }
    }
}

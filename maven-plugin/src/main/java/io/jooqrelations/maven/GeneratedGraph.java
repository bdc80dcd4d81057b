package io.jooqrelations.maven;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.Database;
import org.jooq.meta.ForeignKeyDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UniqueKeyDefinition;

/**
 * The relations the generator writes, from jOOQ's meta model of the migrated database: a {@code one} and a
 * {@code many} per foreign key, two {@code through} relations per pure junction, names chosen by a
 * {@link RelationNaming}, made unique per table (columns included), then renamed as configured.
 *
 * <pre>{@code
 * GeneratedGraph graph = GeneratedGraph.build(database, configuration, new DefaultRelationNaming(), log::warn);
 * graph.relations();   // sorted: tables by schema and name, then ones, throughs, manys
 * }</pre>
 */
final class GeneratedGraph {

    enum Kind { ONE, MANY }

    /** One generated relation; {@code name} is final once {@link #build} returns. */
    static final class Rel {
        final Kind kind;
        final TableDefinition source;
        final TableDefinition target;
        final List<ColumnDefinition> from;
        final List<ColumnDefinition> to;
        final TableDefinition junction;
        final List<ColumnDefinition> fromThrough;
        final List<ColumnDefinition> toThrough;
        final boolean optional;
        /** 0 one, 1 through, 2 many: on a name clash the lower priority gives way. */
        final int priority;
        final List<String> candidates;
        final String origin;
        final String sortKey;
        String name;
        int level;
        String collision;

        Rel(Kind kind, TableDefinition source, TableDefinition target, List<ColumnDefinition> from,
                List<ColumnDefinition> to, TableDefinition junction, List<ColumnDefinition> fromThrough,
                List<ColumnDefinition> toThrough, boolean optional, int priority, List<String> candidates, String origin,
                String sortKey) {
            this.kind = kind;
            this.source = source;
            this.target = target;
            this.from = from;
            this.to = to;
            this.junction = junction;
            this.fromThrough = fromThrough;
            this.toThrough = toThrough;
            this.optional = optional;
            this.priority = priority;
            this.candidates = candidates;
            this.origin = origin;
            this.sortKey = sortKey;
        }

        String qualifiedName() {
            return display(source) + "." + name;
        }

        String nameAt(int level) {
            return level < candidates.size() ? candidates.get(level)
                    : candidates.get(candidates.size() - 1) + (level - candidates.size() + 2);
        }
    }

    private final List<TableDefinition> tables;
    private final List<SchemaDefinition> schemata;
    private final List<Rel> relations;

    private GeneratedGraph(List<TableDefinition> tables, List<SchemaDefinition> schemata, List<Rel> relations) {
        this.tables = tables;
        this.schemata = schemata;
        this.relations = relations;
    }

    List<TableDefinition> tables() {
        return tables;
    }

    List<SchemaDefinition> schemata() {
        return schemata;
    }

    List<Rel> relations() {
        return relations;
    }

    static GeneratedGraph build(Database database, RelationsConfiguration config, RelationNaming naming,
            Consumer<String> warnings) {
        Pattern includes = pattern(config.getIncludes(), "includes", ".*");
        Pattern excludes = pattern(config.getExcludes(), "excludes", "");
        Pattern excludedKeys = pattern(config.getExcludeForeignKeys(), "excludeForeignKeys", "");
        List<TableDefinition> tables = new ArrayList<>();
        List<SchemaDefinition> schemata = new ArrayList<>();
        for (SchemaDefinition schema : database.getSchemata()) {
            List<TableDefinition> ofSchema = database.getTables(schema);
            if (!ofSchema.isEmpty()) {
                schemata.add(schema);
            }
            for (TableDefinition table : ofSchema) {
                String name = table.getOutputName();
                String qualified = table.getSchema().getOutputName() + "." + name;
                if (matches(includes, name, qualified) && !matches(excludes, name, qualified)) {
                    tables.add(table);
                }
            }
        }
        tables.sort(Comparator.comparing(GeneratedGraph::sortKey));
        Set<TableDefinition> included = new HashSet<>(tables);

        warnAboutKeysOutside(database, tables, excludedKeys, warnings);

        Map<TableDefinition, List<ForeignKeyDefinition>> keys = new LinkedHashMap<>();
        for (TableDefinition table : tables) {
            List<ForeignKeyDefinition> ofTable = table.getForeignKeys().stream()
                    .filter(fk -> included.contains(fk.getReferencedTable()))
                    .filter(fk -> !matches(excludedKeys, fk.getOutputName(), fk.getSchema().getOutputName() + "." + fk.getOutputName()))
                    .sorted(Comparator.comparing(GeneratedGraph::sortKey))
                    .collect(Collectors.toList());
            keys.put(table, ofTable);
        }

        List<Rel> rels = new ArrayList<>();
        for (Map.Entry<TableDefinition, List<ForeignKeyDefinition>> entry : keys.entrySet()) {
            for (ForeignKeyDefinition fk : entry.getValue()) {
                boolean optional = fk.getKeyColumns().stream().anyMatch(c -> c.getType().isNullable());
                rels.add(new Rel(Kind.ONE, fk.getTable(), fk.getReferencedTable(), fk.getKeyColumns(),
                        fk.getReferencedColumns(), null, List.of(), List.of(), optional, 0,
                        candidates(naming.one(fk), fk, "one"), describe(fk), sortKey(fk) + "/one"));
                rels.add(new Rel(Kind.MANY, fk.getReferencedTable(), fk.getTable(), fk.getReferencedColumns(),
                        fk.getKeyColumns(), null, List.of(), List.of(), true, 2,
                        candidates(naming.many(fk), fk, "many"), describe(fk), sortKey(fk) + "/many"));
            }
            if (config.isManyToMany() && isPureJunction(entry.getKey(), entry.getValue())) {
                ForeignKeyDefinition a = entry.getValue().get(0);
                ForeignKeyDefinition b = entry.getValue().get(1);
                rels.add(through(a, b, naming));
                rels.add(through(b, a, naming));
            }
        }
        resolveCollisions(rels);
        applyRenames(rels, tables, config);
        warnAboutSuffixes(rels, warnings);
        Map<String, Integer> tableOrder = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            tableOrder.put(sortKey(tables.get(i)), i);
        }
        rels.sort(Comparator.<Rel>comparingInt(r -> tableOrder.get(sortKey(r.source)))
                .thenComparingInt(r -> r.priority).thenComparing(r -> r.sortKey));
        return new GeneratedGraph(tables, schemata, rels);
    }

    private static Rel through(ForeignKeyDefinition near, ForeignKeyDefinition far, RelationNaming naming) {
        return new Rel(Kind.MANY, near.getReferencedTable(), far.getReferencedTable(), near.getReferencedColumns(),
                far.getReferencedColumns(), near.getTable(), near.getKeyColumns(), far.getKeyColumns(), true, 1,
                candidates(naming.through(near, far), near, "through"),
                "junction " + display(near.getTable()) + " (" + describe(near) + "; " + describe(far) + ")",
                sortKey(near) + "/through/" + sortKey(far));
    }

    /**
     * A pure junction: exactly two foreign keys whose columns together are the primary key, and no other column but
     * date/time ones (when the link was made: {@code created_at}, {@code added_at}, {@code since}).
     */
    static boolean isPureJunction(TableDefinition table, List<ForeignKeyDefinition> keys) {
        UniqueKeyDefinition pk = table.getPrimaryKey();
        if (keys.size() != 2 || pk == null || table.isView()) {
            return false;
        }
        Set<String> keyColumns = new HashSet<>();
        keys.forEach(k -> k.getKeyColumns().forEach(c -> keyColumns.add(c.getName())));
        Set<String> pkColumns = pk.getKeyColumns().stream().map(ColumnDefinition::getName).collect(Collectors.toSet());
        if (!keyColumns.equals(pkColumns)) {
            return false;
        }
        return table.getColumns().stream().filter(c -> !pkColumns.contains(c.getName())).allMatch(GeneratedGraph::isTemporal);
    }

    private static boolean isTemporal(ColumnDefinition column) {
        String type = column.getType().getType().toLowerCase(Locale.ROOT);
        return type.equals("date") || type.startsWith("timestamp") || type.startsWith("time");
    }

    private static List<String> candidates(List<String> names, ForeignKeyDefinition fk, String method) {
        if (names == null || names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalStateException("The relation naming strategy's " + method + "(...) returned " + names
                    + " for " + describe(fk) + "; it must return at least one non-blank name.");
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /**
     * Makes names unique per table: a name that is a column's (or its camelCase) moves on to the relation's next
     * candidate; of relations sharing a name, those of lower priority (many below through below one) move on, or all
     * of them when they are equal; a relation out of candidates gets a numeric suffix and a warning.
     */
    private static void resolveCollisions(List<Rel> rels) {
        List<Rel> sorted = new ArrayList<>(rels);
        sorted.sort(Comparator.comparing(r -> r.sortKey));
        Map<TableDefinition, Set<String>> columns = new LinkedHashMap<>();
        for (int round = 0; ; round++) {
            if (round > 10_000) {
                throw new IllegalStateException("Relation names did not settle after 10000 rounds: " + sorted);
            }
            Map<TableDefinition, Map<String, List<Rel>>> byName = new LinkedHashMap<>();
            for (Rel r : sorted) {
                r.name = r.nameAt(r.level);
                byName.computeIfAbsent(r.source, t -> new TreeMap<>()).computeIfAbsent(r.name, n -> new ArrayList<>()).add(r);
            }
            Set<Rel> bump = new LinkedHashSet<>();
            for (Rel r : sorted) {
                Set<String> names = columns.computeIfAbsent(r.source, GeneratedGraph::columnNames);
                if (names.contains(r.name)) {
                    bump(r, "collides with column " + display(r.source) + "." + columnNamed(r.source, r.name), bump);
                }
            }
            for (Map<String, List<Rel>> ofTable : byName.values()) {
                for (List<Rel> group : ofTable.values()) {
                    if (group.size() < 2) {
                        continue;
                    }
                    int top = group.stream().mapToInt(r -> r.priority).min().getAsInt();
                    List<Rel> lower = group.stream().filter(r -> r.priority > top).collect(Collectors.toList());
                    Rel keeper = group.stream().filter(r -> r.priority == top).findFirst().get();
                    if (!lower.isEmpty()) {
                        lower.forEach(r -> bump(r, "is also the name of " + keeper.kind.name().toLowerCase(Locale.ROOT)
                                + " relation from " + keeper.origin, bump));
                        continue;
                    }
                    List<Rel> open = group.stream().filter(r -> r.level < r.candidates.size() - 1).collect(Collectors.toList());
                    if (!open.isEmpty()) {
                        open.forEach(r -> bump(r, "is also the name of the relation from " + other(group, r).origin, bump));
                    } else {
                        group.subList(1, group.size()).forEach(r -> bump(r, "is also the name of the relation from "
                                + group.get(0).origin, bump));
                    }
                }
            }
            if (bump.isEmpty()) {
                break;
            }
        }
    }

    /** A relation left with a suffixed name (not renamed since): a warning naming the override. */
    private static void warnAboutSuffixes(List<Rel> rels, Consumer<String> warnings) {
        List<Rel> sorted = new ArrayList<>(rels);
        sorted.sort(Comparator.comparing(r -> r.sortKey));
        for (Rel r : sorted) {
            if (r.level >= r.candidates.size() && r.name.equals(r.nameAt(r.level))) {
                warnings.accept("Relation " + r.qualifiedName() + " (" + r.origin + ") has a suffixed name: "
                        + r.candidates.get(r.candidates.size() - 1) + " " + r.collision + ". Give it a name of your own "
                        + "with <relations><renames><property><name>" + r.qualifiedName() + "</name><value>...</value>"
                        + "</property></renames>, or leave its foreign key out with <excludeForeignKeys>.");
            }
        }
    }

    private static Rel other(List<Rel> group, Rel r) {
        return group.stream().filter(o -> o != r).findFirst().orElse(r);
    }

    private static void bump(Rel r, String reason, Set<Rel> bump) {
        if (bump.add(r)) {
            if (r.level == r.candidates.size() - 1) {
                r.collision = reason;
            }
            r.level++;
        }
    }

    private static void applyRenames(List<Rel> rels, List<TableDefinition> tables, RelationsConfiguration config) {
        Map<String, Rel> byQualifiedName = new LinkedHashMap<>();
        rels.forEach(r -> byQualifiedName.put(r.qualifiedName(), r));
        Map<Rel, String> renamed = new LinkedHashMap<>();
        for (String key : new TreeMap<>(config.getRenames()).keySet().stream().map(Object::toString).toList()) {
            String newName = config.getRenames().getProperty(key);
            Rel rel = byQualifiedName.get(key.trim());
            if (rel == null) {
                throw new IllegalArgumentException("<relations><renames> names the relation '" + key + "', which was not "
                        + "generated; " + known(key, rels, tables) + " (names as generated, before renames).");
            }
            if (newName == null || !newName.trim().matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new IllegalArgumentException("<relations><renames> renames " + key + " to '" + newName + "'; a "
                        + "relation name must be a Java identifier, e.g. assignee.");
            }
            renamed.put(rel, newName.trim());
        }
        Map<String, String> declaredBy = new LinkedHashMap<>();
        for (Rel r : rels) {
            String name = renamed.getOrDefault(r, r.name);
            String what = renamed.containsKey(r) ? "the rename of " + r.qualifiedName() : "the generated relation " + r.qualifiedName()
                    + " (" + r.origin + ")";
            String key = display(r.source) + "." + name;
            String first = declaredBy.putIfAbsent(key, what);
            if (first != null) {
                throw new IllegalArgumentException("Duplicate relation " + key + ": declared by " + first + " and by "
                        + what + "; rename one of them to a free name in <relations><renames>.");
            }
            if (renamed.containsKey(r) && columnNames(r.source).contains(name)) {
                throw new IllegalArgumentException("<relations><renames> renames " + r.qualifiedName() + " to '" + name
                        + "', which collides with column " + display(r.source) + "." + columnNamed(r.source, name)
                        + "; choose another name.");
            }
        }
        renamed.forEach((r, name) -> r.name = name);
    }

    private static String known(String key, List<Rel> rels, List<TableDefinition> tables) {
        int dot = key.lastIndexOf('.');
        String table = dot < 0 ? key : key.substring(0, dot);
        List<String> ofTable = rels.stream().filter(r -> display(r.source).equals(table)).map(r -> r.name).sorted()
                .collect(Collectors.toList());
        if (!ofTable.isEmpty()) {
            return table + " has " + String.join(", ", ofTable);
        }
        return "there is no table '" + table + "' with relations; write <table>.<relation> with the table as "
                + "messages name it (schema-qualified outside public), one of " + tables.stream().map(GeneratedGraph::display)
                        .collect(Collectors.joining(", "));
    }

    /** Foreign keys from generated tables to tables jOOQ did not generate: no relation can name them; a warning each. */
    private static void warnAboutKeysOutside(Database database, List<TableDefinition> tables, Pattern excludedKeys,
            Consumer<String> warnings) {
        Connection connection = database.getConnection();
        if (connection == null) {
            return;
        }
        Set<String> generated = database.getTables().stream().map(t -> t.getSchema().getInputName() + "." + t.getInputName())
                .collect(Collectors.toSet());
        Set<String> included = tables.stream().map(t -> t.getSchema().getInputName() + "." + t.getInputName())
                .collect(Collectors.toSet());
        String sql = "select c.conname, cn.nspname, ct.relname, pn.nspname, pt.relname from pg_constraint c "
                + "join pg_class ct on ct.oid = c.conrelid join pg_namespace cn on cn.oid = ct.relnamespace "
                + "join pg_class pt on pt.oid = c.confrelid join pg_namespace pn on pn.oid = pt.relnamespace "
                + "where c.contype = 'f' order by cn.nspname, ct.relname, c.conname";
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                String child = rs.getString(2) + "." + rs.getString(3);
                String parent = rs.getString(4) + "." + rs.getString(5);
                if (included.contains(child) && !generated.contains(parent)
                        && !matches(excludedKeys, name, rs.getString(2) + "." + name)) {
                    warnings.accept("Foreign key " + name + " of " + child + " references " + parent + ", which jOOQ did "
                            + "not generate (outside the <schemata> or filtered by <includes>/<excludes>): no relation is "
                            + "generated for it. Generate " + parent + " too, or silence this with <relations>"
                            + "<excludeForeignKeys>" + name + "</excludeForeignKeys>.");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the foreign keys of the migrated database: " + e.getMessage(), e);
        }
    }

    private static Set<String> columnNames(TableDefinition table) {
        Set<String> names = new HashSet<>();
        for (ColumnDefinition c : table.getColumns()) {
            names.add(c.getOutputName());
            names.add(columnCamelCase(c.getOutputName()));
        }
        return names;
    }

    private static String columnNamed(TableDefinition table, String name) {
        return table.getColumns().stream().map(ColumnDefinition::getOutputName)
                .filter(c -> c.equals(name) || columnCamelCase(c).equals(name)).findFirst().orElse(name);
    }

    /** The runtime's camelCase of a column: what a relation name must not equal. */
    static String columnCamelCase(String snake) {
        return io.jooqrelations.relations.internal.CamelCase.of(snake);
    }

    /** How messages and rename keys name a table: {@code invoices}, {@code crm.accounts} (like the runtime's). */
    static String display(TableDefinition table) {
        String schema = table.getSchema().getOutputName();
        return schema == null || schema.isEmpty() || schema.equals("public") ? table.getOutputName()
                : schema + "." + table.getOutputName();
    }

    static String describe(ForeignKeyDefinition fk) {
        return "foreign key " + fk.getOutputName() + ": " + display(fk.getTable()) + "(" + columns(fk.getKeyColumns())
                + ") -> " + display(fk.getReferencedTable()) + "(" + columns(fk.getReferencedColumns()) + ")";
    }

    private static String columns(List<ColumnDefinition> columns) {
        return columns.stream().map(ColumnDefinition::getOutputName).collect(Collectors.joining(", "));
    }

    private static String sortKey(TableDefinition table) {
        return table.getSchema().getOutputName() + "\u0000" + table.getOutputName();
    }

    private static String sortKey(ForeignKeyDefinition fk) {
        return sortKey(fk.getTable()) + "\u0000" + fk.getOutputName() + "\u0000" + columns(fk.getKeyColumns());
    }

    private static Pattern pattern(String regex, String element, String fallback) {
        String value = regex == null || regex.isBlank() ? fallback : regex.trim();
        try {
            return value.isEmpty() ? null : Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("<relations><" + element + "> is not a regular expression: " + e.getMessage());
        }
    }

    private static boolean matches(Pattern pattern, String name, String qualified) {
        return pattern != null && (pattern.matcher(name).matches() || pattern.matcher(qualified).matches());
    }
}

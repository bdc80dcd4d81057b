package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.ForeignKey;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * How the relations graph covers the database's foreign keys: FKs with no relation at all, FKs walkable in one
 * direction only (the silent gap: {@code invoice.lineItems} declared, {@code lineItem.invoice} not, or the reverse),
 * and relations that no FK backs (allowed, reported).
 *
 * <pre>{@code
 * @Test
 * void everyForeignKeyIsARelation() {
 *     AppRelations.RELATIONS.coverage().assertComplete();
 * }
 * }</pre>
 */
public final class CoverageReport {

    private final List<String> uncovered;
    private final List<String> oneSided;
    private final List<String> withoutForeignKey;

    private CoverageReport(List<String> uncovered, List<String> oneSided, List<String> withoutForeignKey) {
        this.uncovered = List.copyOf(uncovered);
        this.oneSided = List.copyOf(oneSided);
        this.withoutForeignKey = List.copyOf(withoutForeignKey);
    }

    static CoverageReport of(Relations relations) {
        List<Relation> all = relations.allRelations();
        List<String> uncovered = new ArrayList<>();
        List<String> oneSided = new ArrayList<>();
        List<ForeignKey<?, ?>> fks = new ArrayList<>();
        for (Table<?> table : coveredTables(relations)) {
            fks.addAll(table.getReferences());
        }
        for (ForeignKey<?, ?> fk : fks) {
            List<Relation> childToParent = all.stream().filter(r -> walksChildToParent(r, fk)).collect(Collectors.toList());
            List<Relation> parentToChild = all.stream().filter(r -> walksParentToChild(r, fk)).collect(Collectors.toList());
            String child = TableNames.displayName(fk.getTable());
            String parent = TableNames.displayName(fk.getKey().getTable());
            if (childToParent.isEmpty() && parentToChild.isEmpty()) {
                uncovered.add(describe(fk) + ": no relation walks it; declare e.g. r.table(" + child + ").one(\"...\", "
                        + parent + ", from(" + columns(fk.getFields()) + ").to(" + columns(fk.getKeyFields())
                        + ")) and the bare reverse side on " + parent);
            } else if (childToParent.isEmpty()) {
                oneSided.add(describe(fk) + ": walked from " + parent + " (" + names(parentToChild) + ") but not from "
                        + child + " back to " + parent);
            } else if (parentToChild.isEmpty()) {
                oneSided.add(describe(fk) + ": walked from " + child + " (" + names(childToParent) + ") but not from "
                        + parent + " to " + child);
            }
        }
        List<String> withoutFk = new ArrayList<>();
        for (Relation r : all) {
            boolean backed = fks.stream().anyMatch(fk -> walksChildToParent(r, fk) || walksParentToChild(r, fk));
            if (!backed) {
                withoutFk.add(r.qualifiedName() + ": no foreign key backs its join");
            }
        }
        return new CoverageReport(uncovered, oneSided, withoutFk);
    }

    /**
     * The tables whose foreign keys the report checks: the graph's, and every table of every schema they live in — so
     * that a graph built with {@code define(r -> ...)} (which names no schema) still sees the tables it forgot.
     */
    private static Collection<Table<?>> coveredTables(Relations relations) {
        Map<String, Table<?>> covered = new LinkedHashMap<>();
        for (Table<?> table : relations.tables()) {
            covered.putIfAbsent(TableNames.key(table), table);
            Schema schema = table.getSchema();
            if (schema != null) {
                for (Table<?> other : schema.getTables()) {
                    covered.putIfAbsent(TableNames.key(other), other);
                }
            }
        }
        return covered.values();
    }

    /** From the FK's table to the table it references: a direct one, or the junction-to-target hop of a through. */
    private static boolean walksChildToParent(Relation r, ForeignKey<?, ?> fk) {
        if (r.junction().isPresent()) {
            return RelationResolver.sameTable(r.junction().get(), fk.getTable())
                    && sameColumns(r.junctionTargetColumns(), fk.getFields()) && sameColumns(r.targetColumns(), fk.getKeyFields());
        }
        return RelationResolver.sameTable(r.source(), fk.getTable()) && sameColumns(r.sourceColumns(), fk.getFields())
                && sameColumns(r.targetColumns(), fk.getKeyFields());
    }

    /** From the referenced table to the FK's table: a direct one, or the source-to-junction hop of a through. */
    private static boolean walksParentToChild(Relation r, ForeignKey<?, ?> fk) {
        if (r.junction().isPresent()) {
            return RelationResolver.sameTable(r.junction().get(), fk.getTable())
                    && sameColumns(r.junctionSourceColumns(), fk.getFields()) && sameColumns(r.sourceColumns(), fk.getKeyFields());
        }
        return RelationResolver.sameTable(r.target(), fk.getTable()) && sameColumns(r.targetColumns(), fk.getFields())
                && sameColumns(r.sourceColumns(), fk.getKeyFields());
    }

    private static boolean sameColumns(List<? extends TableField<?, ?>> a, List<? extends TableField<?, ?>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).getName().equals(b.get(i).getName())
                    || !RelationResolver.sameTable(a.get(i).getTable(), b.get(i).getTable())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ForeignKey<?, ?> fk) {
        return "foreign key " + TableNames.displayName(fk.getTable()) + "(" + columns(fk.getFields()) + ") -> "
                + TableNames.displayName(fk.getKey().getTable()) + "(" + columns(fk.getKeyFields()) + ")";
    }

    private static String columns(List<? extends TableField<?, ?>> fields) {
        return fields.stream().map(f -> f.getName()).collect(Collectors.joining(", "));
    }

    private static String names(List<Relation> rs) {
        return rs.stream().map(Relation::qualifiedName).collect(Collectors.joining(", "));
    }

    /** Foreign keys that no relation walks in either direction. */
    public List<String> uncoveredForeignKeys() {
        return uncovered;
    }

    /** Foreign keys walkable in one direction only. */
    public List<String> oneSidedForeignKeys() {
        return oneSided;
    }

    /** Relations whose join matches no foreign key (allowed; listed so that it is a choice, not an accident). */
    public List<String> relationsWithoutForeignKey() {
        return withoutForeignKey;
    }

    /** Whether every foreign key is walkable in both directions. */
    public boolean isComplete() {
        return uncovered.isEmpty() && oneSided.isEmpty();
    }

    /** Throws an {@link AssertionError} with the report unless {@link #isComplete()}; for a user's test suite. */
    public void assertComplete() {
        if (!isComplete()) {
            throw new AssertionError("The relations graph does not cover every foreign key:\n" + this);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        section(sb, "Foreign keys with no relation", uncovered);
        section(sb, "Foreign keys walkable in one direction only", oneSided);
        section(sb, "Relations with no foreign key", withoutForeignKey);
        return sb.length() == 0 ? "Every foreign key is a relation in both directions; every relation has a foreign key.\n"
                : sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            sb.append(title).append(":\n");
            lines.forEach(l -> sb.append("  - ").append(l).append('\n'));
        }
    }
}

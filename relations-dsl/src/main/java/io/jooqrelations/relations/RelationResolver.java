package io.jooqrelations.relations;

import io.jooqrelations.relations.internal.CamelCase;
import io.jooqrelations.relations.internal.Identifiers;
import io.jooqrelations.relations.internal.TableNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * Turns declarations into relations: validates each one, infers bare sides from their partner, checks aliases.
 * Throws {@link InvalidRelationsException} at the first problem, naming the relation and the fix.
 */
final class RelationResolver {

    private final List<Declaration> declarations;
    private final Map<String, Table<?>> schemaTables;
    private final String schemaName;

    /** @param schemaTables the tables relations may use, or {@code null} for any table */
    RelationResolver(List<Declaration> declarations, Map<String, Table<?>> schemaTables, String schemaName) {
        this.declarations = declarations;
        this.schemaTables = schemaTables;
        this.schemaName = schemaName;
    }

    /** Relations per table key, in declaration order. */
    Map<String, Map<String, Relation>> resolve() {
        declarations.forEach(this::checkShape);
        checkUniqueNames();
        declarations.forEach(this::checkExplicitJoin);
        checkAliases();
        Map<String, Map<String, Relation>> result = new LinkedHashMap<>();
        for (Declaration d : declarations) {
            Relation relation = d.link.isExplicit() ? explicit(d) : inferred(d);
            result.computeIfAbsent(TableNames.key(d.source), k -> new LinkedHashMap<>()).put(d.name, relation);
        }
        return result;
    }

    private void checkShape(Declaration d) {
        String table = d.source.getName();
        if (d.name == null) {
            throw invalid("A relation on table " + table + " has a null name; give it a name such as 'lineItems'.");
        }
        if (d.name.isBlank()) {
            throw invalid("A relation on table " + table + " has an empty name; give it a name such as 'lineItems'.");
        }
        if (!Identifiers.isIdentifier(d.name)) {
            throw invalid("Relation name '" + d.name + "' on table " + table + " is not a valid identifier: use letters, "
                    + "digits and '_', start with a letter, at most 63 characters (it becomes a JSON key and a SQL alias).");
        }
        if (d.target == null) {
            throw invalid("Relation " + d.qualifiedName() + " has a null target table; pass a generated table such as "
                    + "Tables.ORGANIZATIONS (is the static import initialised?).");
        }
        if (d.link == null) {
            throw invalid("Relation " + d.qualifiedName() + " was given a null Link; leave the argument out to infer "
                    + "the join, or pass from(...).to(...).");
        }
        checkInSchema(d, d.source);
        checkInSchema(d, d.target);
        for (Field<?> column : d.source.fields()) {
            if (column.getName().equals(d.name) || CamelCase.of(column.getName()).equals(d.name)) {
                throw invalid("Relation " + d.qualifiedName() + " collides with column " + table + "." + column.getName()
                        + ": relations and columns share one namespace in results (typed nodes, records, JSON). "
                        + "Rename the relation.");
            }
        }
        if (d.link.alias != null && (d.link.alias.isBlank() || !Identifiers.isIdentifier(d.link.alias))) {
            throw invalid("Relation " + d.qualifiedName() + " has alias '" + d.link.alias + "', which is not a valid "
                    + "identifier: use letters, digits and '_', starting with a letter.");
        }
        if (d.kind == RelationKind.MANY && d.link.optional != null) {
            throw invalid("Relation " + d.qualifiedName() + " is a many: optional(...) applies to one relations only "
                    + "(a many is an empty list when nothing matches). Remove optional(...).");
        }
    }

    private void checkInSchema(Declaration d, Table<?> table) {
        if (schemaTables != null && !schemaTables.containsKey(TableNames.key(table))) {
            boolean several = schemaName.startsWith("schemas ");
            throw invalid("Table " + TableNames.displayName(table) + " used by relation " + d.qualifiedName()
                    + " is not part of " + schemaName + (several
                            ? "; declare relations only over those schemas' tables, or add the schema that holds it to "
                                    + "Relations.define(schemas, ...)."
                            : "; declare relations only over that schema's tables, or pass the schema that holds it to "
                                    + "Relations.define(schema, ...), or several to Relations.define(schemas, ...)."));
        }
    }

    /**
     * Whether two of {@code declarations} may give one table the same relation name: by the tables' plain names, no
     * rendering (two same-named tables of two schemas count; {@link #checkUniqueNames} decides exactly).
     */
    static boolean repeatsAName(List<Declaration> declarations) {
        record Named(String table, String relation) {
        }
        java.util.Set<Named> seen = new java.util.HashSet<>();
        for (Declaration d : declarations) {
            if (!seen.add(new Named(d.source.getName(), d.name))) {
                return true;
            }
        }
        return false;
    }

    private void checkUniqueNames() {
        Map<String, Declaration> seen = new LinkedHashMap<>();
        for (Declaration d : declarations) {
            Declaration first = seen.put(TableNames.key(d.source) + "\u0000" + d.name, d);
            if (first != null) {
                throw invalid("Table " + d.source.getName() + " declares relation '" + d.name + "' twice; "
                        + "rename one of them (relation names are unique per table)." + origins(first, d));
            }
        }
    }

    /**
     * Where the two declarations of one name were written, when they were written in different places (a generated
     * graph's {@code declare(r)} and a hand-written line on top, say): both, and what to do about a generated one.
     */
    private static String origins(Declaration first, Declaration second) {
        if (first.origin == null || second.origin == null
                || first.origin.getClassName().equals(second.origin.getClassName())) {
            return "";
        }
        return " Declared at " + place(first.origin) + " and at " + place(second.origin) + "; when one of them is "
                + "generated, leave the relation to the generated graph, or rename it there (<renames> in the "
                + "plugin's <relations>).";
    }

    private static String place(StackTraceElement frame) {
        String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        return type + (frame.getLineNumber() > 0 ? " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")" : "");
    }

    private void checkExplicitJoin(Declaration d) {
        Link link = d.link;
        if (!link.isExplicit()) {
            return;
        }
        String rel = "Relation " + d.qualifiedName();
        if (link.from.isEmpty() || link.to.isEmpty()) {
            throw invalid(rel + ": from(...) and to(...) go together; give both, or neither to infer the join from the "
                    + "relation on " + d.target.getName() + ".");
        }
        for (TableField<?, ?> c : link.from) {
            if (!sameTable(c.getTable(), d.source)) {
                throw invalid(rel + ": from column " + describe(c) + " is not a column of " + d.source.getName()
                        + "; from(...) takes columns of the declaring table.");
            }
        }
        for (TableField<?, ?> c : link.to) {
            if (!sameTable(c.getTable(), d.target)) {
                throw invalid(rel + ": to column " + describe(c) + " is not a column of the target table "
                        + d.target.getName() + "; to(...) takes columns of the target.");
            }
        }
        if (link.from.size() != link.to.size() && link.fromThrough.isEmpty()) {
            throw invalid(rel + ": from(...) has " + link.from.size() + " column(s) but to(...) has " + link.to.size()
                    + "; a composite key needs the same number of columns on both sides, in the same order.");
        }
        boolean throughFrom = !link.fromThrough.isEmpty();
        boolean throughTo = !link.toThrough.isEmpty();
        if (throughFrom != throughTo) {
            throw invalid(rel + ": through(...) is given after " + (throughFrom ? "from(...) but not after to(...)"
                    : "to(...) but not after from(...)") + "; a many-to-many needs both hops: "
                    + "from(a).through(junction.a_id).to(b).through(junction.b_id).");
        }
        if (throughFrom) {
            Table<?> junction = link.fromThrough.get(0).getTable();
            for (TableField<?, ?> c : concat(link.fromThrough, link.toThrough)) {
                if (!sameTable(c.getTable(), junction)) {
                    throw invalid(rel + " goes through two different junction tables, " + junction.getName() + " and "
                            + c.getTable().getName() + "; both through(...) must use columns of the same junction table.");
                }
            }
            if (schemaTables != null) {
                checkInSchema(d, junction);
            }
            checkPairs(rel, link.from, link.fromThrough, "from(...)", "its through(...)");
            checkPairs(rel, link.to, link.toThrough, "to(...)", "its through(...)");
        } else {
            checkPairs(rel, link.from, link.to, "from(...)", "to(...)");
        }
    }

    private static void checkPairs(String rel, List<TableField<?, ?>> left, List<TableField<?, ?>> right, String leftName,
            String rightName) {
        if (left.size() != right.size()) {
            throw invalid(rel + ": " + leftName + " has " + left.size() + " column(s) but " + rightName + " has "
                    + right.size() + "; each hop needs the same number of columns on both sides, in the same order.");
        }
        for (int i = 0; i < left.size(); i++) {
            if (!compatible(left.get(i).getType(), right.get(i).getType())) {
                throw invalid(rel + ": " + describe(left.get(i)) + " (" + left.get(i).getDataType().getTypeName() + ") and "
                        + describe(right.get(i)) + " (" + right.get(i).getDataType().getTypeName()
                        + ") have incompatible types; join columns must hold the same kind of value.");
            }
        }
    }

    private static boolean compatible(Class<?> a, Class<?> b) {
        return a.equals(b) || (isInteger(a) && isInteger(b));
    }

    private static boolean isInteger(Class<?> c) {
        return c == Short.class || c == Integer.class || c == Long.class || c == java.math.BigInteger.class;
    }

    private void checkAliases() {
        for (Declaration d : declarations) {
            String alias = d.link.alias;
            if (alias == null) {
                continue;
            }
            List<Declaration> sameSide = declarations.stream()
                    .filter(o -> alias.equals(o.link.alias) && sameTable(o.source, d.source) && sameTable(o.target, d.target))
                    .collect(Collectors.toList());
            List<Declaration> partners = partnersOf(d);
            boolean selfPair = sameTable(d.source, d.target);
            if (!selfPair && sameSide.size() > 1) {
                throw invalid("Alias '" + alias + "' is used by " + sameSide.size() + " relations from " + d.source.getName()
                        + " to " + d.target.getName() + " (" + names(sameSide) + "); an alias pairs exactly one relation "
                        + "on each side. Give each its own alias.");
            }
            if (partners.isEmpty()) {
                throw invalid("Alias '" + alias + "' on relation " + d.qualifiedName() + " has no partner: no relation on "
                        + d.target.getName() + " back to " + d.source.getName() + " uses it. Give the other end the same "
                        + "alias (link().alias(\"" + alias + "\")), or remove the alias.");
            }
        }
    }

    /** Relations on the other side that point back to {@code d}'s table with the same alias (or both without). */
    private List<Declaration> partnersOf(Declaration d) {
        return declarations.stream()
                .filter(o -> o != d && sameTable(o.source, d.target) && sameTable(o.target, d.source)
                        && Objects.equals(o.link.alias, d.link.alias))
                .collect(Collectors.toList());
    }

    private Relation explicit(Declaration d) {
        Link l = d.link;
        boolean through = !l.fromThrough.isEmpty();
        return new Relation(d.name, d.kind, d.source, d.target, l.from, l.to,
                through ? l.fromThrough.get(0).getTable() : null, l.fromThrough, l.toThrough, l.where, optional(d),
                l.alias, false);
    }

    private Relation inferred(Declaration d) {
        List<Declaration> candidates = partnersOf(d).stream().filter(o -> o.link.isExplicit()).collect(Collectors.toList());
        if (candidates.isEmpty()) {
            throw noPartner(d);
        }
        if (candidates.size() > 1) {
            throw invalid("Multiple relations between " + d.source.getName() + " and " + d.target.getName() + " ("
                    + names(candidates) + ") could be the other end of " + d.qualifiedName() + "; give both ends the same "
                    + "alias, e.g. link().alias(\"" + candidates.get(0).name + "\") here and .alias(\"" + candidates.get(0).name
                    + "\") on " + candidates.get(0).qualifiedName() + ".");
        }
        Link p = candidates.get(0).link;
        boolean through = !p.fromThrough.isEmpty();
        // the partner's join, walked the other way round
        return new Relation(d.name, d.kind, d.source, d.target, p.to, p.from,
                through ? p.toThrough.get(0).getTable() : null, p.toThrough, p.fromThrough, d.link.where, optional(d),
                d.link.alias, true);
    }

    private InvalidRelationsException noPartner(Declaration d) {
        if (d.link.alias != null) {
            return invalid("Relation " + d.qualifiedName() + " has alias '" + d.link.alias + "' but " + d.target.getName()
                    + " has no relation back to " + d.source.getName() + " with from(...).to(...) and that alias to infer "
                    + "the join from; declare the join on one of the two ends.");
        }
        List<String> aliased = declarations.stream()
                .filter(o -> sameTable(o.source, d.target) && sameTable(o.target, d.source) && o.link.alias != null
                        && o.link.isExplicit())
                .map(o -> o.qualifiedName() + " (alias '" + o.link.alias + "')").collect(Collectors.toList());
        String hint = aliased.isEmpty() ? "" : " The relations back carry aliases: " + String.join(", ", aliased)
                + "; give this end the matching alias with link().alias(...).";
        return invalid("Relation " + d.qualifiedName() + ": " + d.target.getName() + " has no relation back to "
                + d.source.getName() + " with from(...).to(...) to infer the join from." + hint
                + " Otherwise declare the join here, e.g. " + d.kind.name().toLowerCase(java.util.Locale.ROOT) + "(\"" + d.name
                + "\", " + d.target.getName().toUpperCase(java.util.Locale.ROOT) + ", from(...).to(...)).");
    }

    private static boolean optional(Declaration d) {
        return d.kind == RelationKind.MANY || d.link.optional == null || d.link.optional;
    }

    static boolean sameTable(Table<?> a, Table<?> b) {
        return TableNames.sameTable(a, b);
    }

    private static String describe(TableField<?, ?> c) {
        return (c.getTable() == null ? "?" : c.getTable().getName()) + "." + c.getName();
    }

    private static String names(List<Declaration> ds) {
        return ds.stream().map(Declaration::qualifiedName).collect(Collectors.joining(", "));
    }

    private static List<TableField<?, ?>> concat(List<TableField<?, ?>> a, List<TableField<?, ?>> b) {
        List<TableField<?, ?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static InvalidRelationsException invalid(String message) {
        return new InvalidRelationsException(message);
    }
}

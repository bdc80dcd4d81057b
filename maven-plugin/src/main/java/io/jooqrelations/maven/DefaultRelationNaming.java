package io.jooqrelations.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.ForeignKeyDefinition;
import org.jooq.meta.TableDefinition;

/**
 * The generator's naming rules, chosen to read like hand-written relations files:
 *
 * <ul>
 *   <li><b>role</b> of a foreign key: its single column minus the referenced column's name or {@code _id}
 *       ({@code organization_id} → {@code organization}, {@code owner_login → login} → {@code owner}); a composite
 *       key, or a column that is nothing but the suffix, gives the referenced table's name in the singular.</li>
 *   <li><b>one</b>: the role, camelCased ({@code invoices.organization}, {@code comments.parent}); then the referenced
 *       table's schema + role ({@code crmAccount}).</li>
 *   <li><b>many</b>: the child table's name camelCased, minus a leading singular of the parent's name
 *       ({@code invoice_line_items} on {@code invoices} → {@code lineItems}); when the child has several foreign keys
 *       to the parent and this one's role is not the parent's singular, the role (minus a trailing {@code _to},
 *       {@code _by}, {@code _for}, {@code _of}, {@code _from}) prefixes it ({@code assigned_to_id} →
 *       {@code assignedInvoices}); a self-reference gives {@code children} ({@code parentChildren} when a table refers
 *       to itself more than once). Fallbacks: the unshortened child name, then schema + child name
 *       ({@code crmAccounts}).</li>
 *   <li><b>through</b>: the far table's name ({@code tags}); when the far key's role is not the far table's singular
 *       (a self-reference such as {@code follows.followed_id}), the role in the plural ({@code followers},
 *       {@code followed} — words in {@code -ed} stay as they are).</li>
 * </ul>
 *
 * <pre>{@code
 * new DefaultRelationNaming().one(invoicesOrganizationFk);   // [organization, publicOrganization]
 * }</pre>
 */
public class DefaultRelationNaming implements RelationNaming {

    private static final String[] PREPOSITIONS = {"_to", "_by", "_for", "_of", "_from"};

    @Override
    public List<String> one(ForeignKeyDefinition fk) {
        String role = role(fk);
        return distinct(camel(role), schemaPrefixed(fk.getReferencedTable(), role));
    }

    @Override
    public List<String> many(ForeignKeyDefinition fk) {
        TableDefinition child = fk.getTable();
        TableDefinition parent = fk.getReferencedTable();
        String childName = camel(child.getOutputName());
        if (child.equals(parent)) {
            long selfReferences = child.getForeignKeys().stream().filter(k -> k.getReferencedTable().equals(child)).count();
            return selfReferences == 1 ? distinct("children", camel(qualifier(role(fk))) + "Children")
                    : distinct(camel(qualifier(role(fk))) + "Children");
        }
        String shortName = withoutPrefix(childName, camel(singular(parent.getOutputName())));
        String schemaQualified = schemaPrefixed(child, childName);
        long toSameParent = child.getForeignKeys().stream().filter(k -> k.getReferencedTable().equals(parent)).count();
        boolean plain = toSameParent == 1 || camel(role(fk)).equals(camel(singular(parent.getOutputName())));
        if (plain) {
            return distinct(shortName, childName, schemaQualified);
        }
        String qualifier = camel(qualifier(role(fk)));
        return distinct(qualifier + pascal(shortName), qualifier + pascal(childName));
    }

    @Override
    public List<String> through(ForeignKeyDefinition near, ForeignKeyDefinition far) {
        TableDefinition farTable = far.getReferencedTable();
        String farRole = camel(role(far));
        String farName = camel(farTable.getOutputName());
        if (farRole.equals(camel(singular(farTable.getOutputName())))) {
            return distinct(farName, schemaPrefixed(farTable, farName),
                    camel(far.getTable().getOutputName()) + pascal(farName));
        }
        return distinct(plural(farRole), farRole + pascal(farName));
    }

    /** A foreign key's role: see the class comment. */
    protected String role(ForeignKeyDefinition fk) {
        List<ColumnDefinition> columns = fk.getKeyColumns();
        if (columns.size() == 1) {
            String column = columns.get(0).getOutputName();
            String referenced = fk.getReferencedColumns().get(0).getOutputName();
            String lower = column.toLowerCase(Locale.ROOT);
            String role = column;
            if (lower.endsWith("_" + referenced.toLowerCase(Locale.ROOT))) {
                role = column.substring(0, column.length() - referenced.length() - 1);
            } else if (lower.endsWith("_id")) {
                role = column.substring(0, column.length() - 3);
            } else if (column.endsWith("Id") && column.length() > 2) {
                role = column.substring(0, column.length() - 2);
            }
            if (!camel(role).isEmpty() && !role.equalsIgnoreCase(referenced)) {
                return role;
            }
        }
        return singular(fk.getReferencedTable().getOutputName());
    }

    /** A role minus a trailing preposition: {@code assigned_to} → {@code assigned}. */
    protected String qualifier(String role) {
        String lower = role.toLowerCase(Locale.ROOT);
        for (String preposition : PREPOSITIONS) {
            if (lower.endsWith(preposition) && lower.length() > preposition.length()) {
                return role.substring(0, role.length() - preposition.length());
            }
        }
        return role;
    }

    /** camelCase of an identifier: {@code invoice_line_items}, {@code "Order Lines"} → {@code invoiceLineItems}, {@code orderLines}. */
    protected static String camel(String identifier) {
        StringBuilder sb = new StringBuilder();
        for (String part : identifier.split("[^A-Za-z0-9]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String word = part.equals(part.toUpperCase(Locale.ROOT)) ? part.toLowerCase(Locale.ROOT) : part;
            if (sb.length() == 0) {
                sb.append(Character.toLowerCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return sb.toString();
    }

    /** {@code lineItems} → {@code LineItems}. */
    protected static String pascal(String identifier) {
        String camel = camel(identifier);
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /** English singular of a (last) word, by suffix: {@code companies}, {@code addresses}, {@code invoices}. */
    protected static String singular(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + (Character.isUpperCase(word.charAt(word.length() - 1)) ? "Y" : "y");
        }
        for (String suffix : new String[] {"sses", "shes", "ches", "xes", "zes", "uses"}) {
            if (lower.endsWith(suffix)) {
                return word.substring(0, word.length() - 2);
            }
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is")
                && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** English plural of a camelCase name: {@code follower} → {@code followers}, {@code company} → {@code companies}. */
    protected static String plural(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.endsWith("ed")) {
            return word;
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }

    /** {@code invoiceLineItems} minus {@code invoice} → {@code lineItems}; unchanged unless a whole word is the prefix. */
    private static String withoutPrefix(String name, String prefix) {
        if (!prefix.isEmpty() && name.length() > prefix.length() && name.startsWith(prefix)
                && Character.isUpperCase(name.charAt(prefix.length()))) {
            String rest = name.substring(prefix.length());
            return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        }
        return name;
    }

    /** {@code crm} + {@code accounts} → {@code crmAccounts}; null for a table of the default schema or {@code public}. */
    private static String schemaPrefixed(TableDefinition table, String name) {
        String schema = camel(table.getSchema().getOutputName());
        return schema.isEmpty() || schema.equals("public") ? null : schema + pascal(name);
    }

    private static List<String> distinct(String... names) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String name : names) {
            if (name != null && !name.isEmpty()) {
                set.add(name);
            }
        }
        return new ArrayList<>(set);
    }
}

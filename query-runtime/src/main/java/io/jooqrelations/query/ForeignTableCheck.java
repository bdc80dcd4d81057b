package io.jooqrelations.query;

import io.jooqrelations.relations.Relations;
import io.jooqrelations.relations.internal.Names;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Rejects a condition, order or extra that refers to a table of the graph other than its level's: in a correlated
 * subquery such a reference would silently bind to an outer level and return wrong data. The open-source jOOQ has no
 * public traversal of a query part, so the check reads the qualified column references in its rendered SQL; tables
 * that the part itself selects from (its own subqueries) are allowed.
 */
final class ForeignTableCheck {

    private static final Pattern QUALIFIED = Pattern.compile("\"([^\"]+)\"\\.\"[^\"]+\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern OWN_FROM = Pattern.compile("(?i)(?:from|join)\\s+\"([^\"]+)\"");
    private static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES, new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS).withRenderSchema(false));

    private ForeignTableCheck() {
    }

    static void check(QueryPart part, Table<?> levelTable, Relations relations, String method, String path) {
        if (part instanceof TableField<?, ?> column) {
            if (column.getTable() != null && !Names.sameTable(column.getTable(), levelTable)
                    && relations.tables().stream().anyMatch(t -> Names.sameTable(t, column.getTable()))) {
                throw wrongTable(column.getTable().getName(), levelTable, method, path);
            }
            return;
        }
        // a value that merely looks like a column reference is data, not a reference
        String sql = STRING_LITERAL.matcher(RENDER.renderInlined(part)).replaceAll("''");
        Set<String> ownFrom = new LinkedHashSet<>();
        Matcher from = OWN_FROM.matcher(sql);
        while (from.find()) {
            ownFrom.add(from.group(1));
        }
        Matcher m = QUALIFIED.matcher(sql);
        while (m.find()) {
            String qualifier = m.group(1);
            if (qualifier.equals(levelTable.getName()) || ownFrom.contains(qualifier)) {
                continue;
            }
            for (Table<?> t : relations.tables()) {
                if (t.getName().equals(qualifier)) {
                    throw wrongTable(qualifier, levelTable, method, path);
                }
            }
        }
    }

    private static InvalidReadException wrongTable(String other, Table<?> levelTable, String method, String path) {
        return new InvalidReadException(method + " on " + path + " refers to table " + other + ", but this level reads "
                + levelTable.getName() + "; a level's conditions, orders and extras use its own table's columns. To filter "
                + "by a related table use whereHas(...), or give the condition at the level that reads " + other + ".");
    }
}

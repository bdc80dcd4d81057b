package io.jooqrelations.query.internal;

import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.relations.internal.TableNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/**
 * Keyset pagination of the top level: checks that the order is a total order over non-null columns of the table,
 * and encodes / decodes the opaque cursor holding the sort key of a page's last row (and the ordering it was made for,
 * so a cursor cannot be replayed against another ordering).
 */
public final class KeysetCursor {

    private static final String VERSION = "k1";

    private final Table<?> table;
    private final List<Field<?>> fields = new ArrayList<>();
    /** Which selected column each sort column is. */
    private final List<Integer> positions = new ArrayList<>();
    private final String signature;

    public KeysetCursor(LevelPlan level) {
        this.table = level.table();
        if (level.orderBy().isEmpty()) {
            throw new InvalidReadException("Keyset pagination of " + level.path() + " needs an orderBy(...) over columns of "
                    + table.getName() + " that ends with a unique key, e.g. orderBy(" + table.getName() + ".created_at.desc(), "
                    + table.getName() + ".id.desc()).");
        }
        List<String> parts = new ArrayList<>();
        for (OrderField<?> order : level.orderBy()) {
            String name = order instanceof SortField<?> sort ? sort.getName() : order instanceof Field<?> f ? f.getName() : null;
            SortOrder direction = order instanceof SortField<?> sort ? sort.getOrder() : SortOrder.ASC;
            Field<?> column = name == null ? null : table.field(name);
            if (column == null || !(order instanceof TableField<?, ?> || order instanceof SortField<?>)) {
                throw new InvalidReadException("Keyset pagination of " + level.path() + " orders by " + order
                        + ", which is not a column of " + table.getName() + "; order by the table's own columns.");
            }
            if (column.getDataType().nullable()) {
                throw new InvalidReadException("Keyset pagination of " + level.path() + " orders by " + table.getName() + "."
                        + name + ", which can be null; a cursor needs non-null sort columns.");
            }
            int position = level.columnIndex(column);
            if (position < 0) {
                throw new InvalidReadException("Keyset pagination of " + level.path() + " orders by " + table.getName() + "."
                        + name + ", which columns(...)/omit(...) leave out; select it, the cursor is made of it.");
            }
            fields.add(column);
            positions.add(position);
            parts.add(name + " " + (direction == SortOrder.DESC ? "desc" : "asc"));
        }
        Set<String> names = fields.stream().map(Field::getName).collect(Collectors.toSet());
        boolean total = false;
        for (UniqueKey<?> key : table.getKeys()) {
            total |= names.containsAll(key.getFields().stream().map(Field::getName).collect(Collectors.toSet()));
        }
        if (!total) {
            String pk = table.getPrimaryKey() == null ? "a unique key"
                    : table.getPrimaryKey().getFields().stream().map(f -> TableNames.displayName(table) + "." + f.getName())
                            .collect(Collectors.joining(", "));
            throw new InvalidReadException("Keyset pagination of " + level.path() + " needs a total order: add " + pk
                    + " as the last orderBy(...) so that rows with equal sort keys keep a stable order.");
        }
        if (new HashSet<>(names).size() != fields.size()) {
            throw new InvalidReadException("Keyset pagination of " + level.path() + " orders by a column twice.");
        }
        // the schema-qualified name: a cursor of crm.accounts is not one of auth.accounts
        this.signature = TableNames.displayName(table) + ":" + String.join(",", parts);
    }

    /** The sort columns, in order. */
    public List<Field<?>> fields() {
        return fields;
    }

    /** The cursor of {@code last}: the ordering's signature and the row's sort key. */
    public String encode(RowView last) {
        StringBuilder sb = new StringBuilder(signature).append('\n');
        for (int position : positions) {
            Object v = last.column(position);
            String text = v instanceof EnumType e ? e.getLiteral() : String.valueOf(v);
            sb.append(text.length()).append(':').append(text);
        }
        return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key values of a cursor, typed like the columns; a malformed or foreign cursor is an error. */
    public List<Object> decode(String cursor) {
        if (cursor == null || !cursor.startsWith(VERSION)) {
            throw malformed(cursor, "it does not start with '" + VERSION + "'");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.substring(VERSION.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(cursor, "it is not base64url");
        }
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw malformed(cursor, "it has no ordering");
        }
        if (!text.substring(0, newline).equals(signature)) {
            throw new InvalidReadException("The cursor was made for the ordering '" + text.substring(0, newline)
                    + "', but this read orders by '" + signature + "'; start again from the first page.");
        }
        List<Object> values = new ArrayList<>();
        int i = newline + 1;
        for (Field<?> f : fields) {
            int colon = text.indexOf(':', i);
            if (colon < 0) {
                throw malformed(cursor, "a value is missing");
            }
            try {
                int length = Integer.parseInt(text.substring(i, colon));
                String value = text.substring(colon + 1, colon + 1 + length);
                Object converted = f.getDataType().convert(value);
                if (converted == null) {
                    throw new IllegalArgumentException(value);
                }
                values.add(converted);
                i = colon + 1 + length;
            } catch (RuntimeException e) {
                throw malformed(cursor, "the value for " + table.getName() + "." + f.getName() + " does not parse");
            }
        }
        if (i != text.length()) {
            throw malformed(cursor, "it has trailing data");
        }
        return values;
    }

    private InvalidReadException malformed(String cursor, String why) {
        String shown = cursor == null ? "null" : cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor;
        return new InvalidReadException("Malformed cursor '" + shown + "' for " + table.getName() + ": " + why
                + ". Pass the nextCursor() of a previous page unchanged.");
    }
}

package io.jooqrelations.query.internal;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A nested level's limit and offset on MariaDB, where the usual shape — a limited subquery, which jOOQ's MULTISET
 * emulation wraps in a derived table — cannot see its parent row (MariaDB resolves no outer reference inside a
 * derived table). The level's rows are aggregated in order, unlimited and correlated as usual, and the array is sliced
 * with a JSON path range: {@code coalesce(json_extract(<rows>, '$[<offset> to <offset + limit - 1>]'), json_array())}
 * (MariaDB 10.9+ ranges; the result is always an array, and no row at all is {@code null}, hence the coalesce).
 */
final class JsonSlice {

    private JsonSlice() {
    }

    /** {@code rows} (a JSON array) from {@code offset} (null: 0), at most {@code limit} (null: all), typed {@code type}. */
    static <T> Field<T> of(Field<?> rows, DataType<T> type, Integer offset, Integer limit) {
        long from = offset == null ? 0 : offset;
        if (limit != null && limit == 0) {
            return DSL.field("json_array()", type);
        }
        // without a limit, to the largest index rather than "last", which MariaDB 10.11 evaluates wrongly per row
        String to = String.valueOf(limit == null ? Integer.MAX_VALUE : from + limit - 1);
        return DSL.field("coalesce(json_extract({0}, {1}), json_array())", type, rows,
                DSL.inline("$[" + from + " to " + to + "]"));
    }
}

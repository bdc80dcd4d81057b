package io.jooqrelations.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * Nested rows of any width. jOOQ's MULTISET builds each nested row with one {@code json_build_array} call, and
 * PostgreSQL passes at most 100 arguments to a function; so a wider row is sent as nested rows of at most
 * {@value #MAX_VALUES} values each (jOOQ builds each with a call of its own and reads them back as records), and read
 * here by flat slot: slot {@code s} is value {@code s % chunk} of nested row {@code s / chunk}. A chunk size of 0 means
 * the row is flat.
 */
final class NestedRows {

    /** PostgreSQL's limit on function arguments. */
    static final int MAX_VALUES = 100;

    private NestedRows() {
    }

    /** The chunk size of a row of {@code width} values: 0 (flat) when it fits one call. */
    static int chunkFor(int width) {
        return width > MAX_VALUES ? MAX_VALUES : 0;
    }

    /** What to select for a row of {@code fields} (given without aliases): the fields, or their chunks as rows. */
    static List<SelectField<?>> pack(List<Field<?>> fields) {
        int chunk = chunkFor(fields.size());
        if (chunk == 0) {
            return List.copyOf(fields);
        }
        List<SelectField<?>> rows = new ArrayList<>();
        for (int from = 0; from < fields.size(); from += chunk) {
            rows.add(DSL.row(fields.subList(from, Math.min(from + chunk, fields.size()))));
        }
        return rows;
    }

    /** The value at flat slot {@code slot} of a row sent with chunk size {@code chunk}. */
    static Object value(Record row, int slot, int chunk) {
        return chunk == 0 ? row.get(slot) : ((Record) row.get(slot / chunk)).get(slot % chunk);
    }
}

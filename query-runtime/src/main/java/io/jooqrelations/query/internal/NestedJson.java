package io.jooqrelations.query.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DataType;
import org.jooq.EnumType;
import org.jooq.Field;

/**
 * Reads the nested rows of a MULTISET straight from the JSON text PostgreSQL sends — {@code [[v0, v1, ...], ...]}, a
 * row per array, values in the order of the level's {@link RowLayout} — into flat value arrays, without jOOQ's
 * generic JSON tree, {@code Result} and {@code Record} per nested row. Each slot is decoded by what the plan knows it
 * holds: a scalar of one of the common column types, or the nested rows of a to-many (decoded the same way).
 *
 * <p>A level is decoded here only when every value of it and of its nested levels has one of those types with jOOQ's
 * own converter and binding, none of a user's ({@link BehaviourKey#isPlain}); {@link #decoder} returns null otherwise,
 * and jOOQ reads the level as before.
 * Scalars are accepted as JSON numbers or strings alike; a value a fast path cannot parse (PostgreSQL's
 * {@code infinity}, a BC date) goes through jOOQ's own conversion, so both readers give the same values.
 */
final class NestedJson {

    private NestedJson() {
    }

    /** Set on a thread while jOOQ must read every nested level it compiles (see {@link #readByJooq}). */
    private static final ThreadLocal<Boolean> READ_BY_JOOQ = new ThreadLocal<>();

    /**
     * Runs {@code body} with every nested level compiled on this thread read by jOOQ instead of this class: the
     * reference the decoder is tested against. Reads that use a cached statement keep the decoders compiled then, so
     * {@code body} should read through {@code NestedReads.withoutRenderCache()}.
     */
    static <T> T readByJooq(java.util.function.Supplier<T> body) {
        Boolean before = READ_BY_JOOQ.get();
        READ_BY_JOOQ.set(Boolean.TRUE);
        try {
            return body.get();
        } finally {
            READ_BY_JOOQ.set(before);
        }
    }

    /** How to turn one JSON value of a slot into its Java value. */
    private interface Slot {
        Object read(Parser parser);
    }


    /** How to read one nested row of a level: a slot per flat value; {@code chunk} as in {@link NestedRows}. */
    static final class RowDecoder {
        private final Slot[] slots;
        private final int chunk;
        /** Per slot, the Java type it reads, or null for nested rows (for {@link #describe()}). */
        private final Class<?>[] types;

        private RowDecoder(Slot[] slots, int chunk, Class<?>[] types) {
            this.slots = slots;
            this.chunk = chunk;
            this.types = types;
        }

        /** Which type each slot reads, for the render cache's verification mode. */
        String describe() {
            StringBuilder text = new StringBuilder("decoded chunk " + chunk + ":");
            for (Class<?> type : types) {
                text.append(' ').append(type == null ? "nested" : type.getName());
            }
            return text.toString();
        }

        /** The rows of {@code json}, a JSON array of rows. */
        List<Object[]> rows(String json) {
            Parser parser = new Parser(json);
            List<Object[]> rows = readRows(parser);
            parser.end();
            return rows;
        }

        private List<Object[]> readRows(Parser parser) {
            if (parser.nullLiteral()) {
                return List.of();
            }
            List<Object[]> rows = new ArrayList<>();
            parser.expect('[');
            if (!parser.tryClose(']')) {
                do {
                    rows.add(readRow(parser));
                } while (parser.comma(']'));
            }
            return rows;
        }

        private Object[] readRow(Parser parser) {
            Object[] values = new Object[slots.length];
            parser.expect('[');
            if (chunk == 0) {
                readValues(parser, values, 0, slots.length);
            } else {
                for (int from = 0; from < slots.length; from += chunk) {
                    if (from > 0) {
                        parser.expect(',');
                    }
                    parser.expect('[');
                    readValues(parser, values, from, Math.min(from + chunk, slots.length));
                    parser.expect(']');
                }
            }
            parser.expect(']');
            return values;
        }

        private void readValues(Parser parser, Object[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                if (i > from) {
                    parser.expect(',');
                }
                values[i] = parser.nullLiteral() ? null : slots[i].read(parser);
            }
        }
    }

    /**
     * The decoder of a nested level whose row holds {@code fields} (as selected, in slot order) laid out by
     * {@code layout}, or null when some value (here or in a nested level) is not of a type this class decodes.
     */
    static RowDecoder decoder(List<Field<?>> fields, RowLayout layout) {
        if (READ_BY_JOOQ.get() != null) {
            return null;
        }
        Slot[] slots = new Slot[fields.size()];
        if (!nestedSlots(layout, 0, slots)) {
            return null;
        }
        Class<?>[] types = new Class<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = scalar(fields.get(i).getDataType());
                if (slots[i] == null) {
                    return null;
                }
                types[i] = fields.get(i).getDataType().getType();
            }
        }
        return new RowDecoder(slots, layout.chunk, types);
    }

    /** Fills the slots of the to-manys of {@code layout} (and of its joined to-ones); false when one is undecodable. */
    private static boolean nestedSlots(RowLayout layout, int base, Slot[] slots) {
        if (layout.trees.length > 0) {
            return false;
        }
        for (int i = 0; i < layout.children.length; i++) {
            RowLayout child = layout.childLayouts[i];
            if (layout.level.children().get(i).many()) {
                RowDecoder nested = child.decoder;
                if (nested == null) {
                    return false;
                }
                slots[base + layout.children[i]] = nested::readRows;
            } else if (!nestedSlots(child, base + layout.children[i] + 1, slots)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoder of a scalar column or extra, or null for a type not decoded here — and for any value with a converter
     * or binding of the user's (a forced type): this class reads what jOOQ reads without them, so whatever a user's
     * converter does (trim, decrypt, convert a unit), even one of a type to the same type, is left to jOOQ.
     */
    private static Slot scalar(DataType<?> type) {
        if (!BehaviourKey.isPlain(type)) {
            return null;
        }
        Class<?> java = type.getType();
        if (java == String.class) {
            return Parser::string;
        }
        if (java == Long.class) {
            return p -> Long.parseLong(p.scalar());
        }
        if (java == Integer.class) {
            return p -> Integer.parseInt(p.scalar());
        }
        if (java == Short.class) {
            return p -> Short.parseShort(p.scalar());
        }
        if (java == BigDecimal.class) {
            return p -> new BigDecimal(p.scalar());
        }
        if (java == Boolean.class) {
            return p -> Boolean.valueOf(p.scalar());
        }
        if (java == Double.class) {
            return p -> Double.valueOf(p.scalar());
        }
        if (java == UUID.class) {
            return p -> UUID.fromString(p.scalar());
        }
        if (java == LocalDate.class) {
            return withFallback(type, LocalDate::parse);
        }
        if (java == LocalDateTime.class) {
            return withFallback(type, LocalDateTime::parse);
        }
        if (java == OffsetDateTime.class) {
            // PostgreSQL writes the offset of the session's time zone, as the driver returns it at the top level
            return withFallback(type, OffsetDateTime::parse);
        }
        if (EnumType.class.isAssignableFrom(java) && java.isEnum()) {
            Map<String, Object> byLiteral = literals(java);
            return p -> {
                String literal = p.scalar();
                Object value = byLiteral.get(literal);
                return value != null ? value : type.convert(literal);
            };
        }
        return null;
    }

    private static Slot withFallback(DataType<?> type, java.util.function.Function<String, Object> parse) {
        return p -> {
            String text = p.scalar();
            try {
                return parse.apply(text);
            } catch (java.time.format.DateTimeParseException e) {
                return type.convert(text);
            }
        };
    }

    private static final Map<Class<?>, Map<String, Object>> LITERALS = new ConcurrentHashMap<>();

    private static Map<String, Object> literals(Class<?> enumType) {
        return LITERALS.computeIfAbsent(enumType, t -> {
            Map<String, Object> byLiteral = new HashMap<>();
            for (Object constant : t.getEnumConstants()) {
                byLiteral.put(((EnumType) constant).getLiteral(), constant);
            }
            return byLiteral;
        });
    }

    /** A cursor over JSON text, reading exactly the shapes above. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        void expect(char c) {
            ws();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalStateException("Nested rows: expected '" + c + "' at " + i + " of "
                        + (s.length() > 200 ? s.substring(0, 200) + "..." : s));
            }
            i++;
        }

        /** Consumes {@code close} if it comes next. */
        boolean tryClose(char close) {
            ws();
            if (i < s.length() && s.charAt(i) == close) {
                i++;
                return true;
            }
            return false;
        }

        /** After an element: true when a comma follows (another element), false when {@code close} ends the array. */
        boolean comma(char close) {
            ws();
            char c = s.charAt(i++);
            if (c == ',') {
                return true;
            }
            if (c != close) {
                throw new IllegalStateException("Nested rows: expected ',' or '" + close + "' at " + (i - 1));
            }
            return false;
        }

        /** Consumes {@code null} if it comes next. */
        boolean nullLiteral() {
            ws();
            if (s.startsWith("null", i)) {
                i += 4;
                return true;
            }
            return false;
        }

        /** A scalar as text: a string's content, or a number's or literal's characters. */
        String scalar() {
            ws();
            if (s.charAt(i) == '"') {
                return string();
            }
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        /** A JSON string's content, unescaped. */
        String string() {
            expect('"');
            int start = i;
            int end = s.indexOf('"', start);
            if (end < 0) {
                throw new IllegalStateException("Nested rows: unterminated string at " + start);
            }
            if (!escaped(start, end)) {
                i = end + 1;
                return s.substring(start, end);
            }
            StringBuilder sb = new StringBuilder(end - start + 16);
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        /** Whether a backslash comes before {@code end} (looked for only up to there: JSON texts can be long). */
        private boolean escaped(int from, int end) {
            for (int k = from; k < end; k++) {
                if (s.charAt(k) == '\\') {
                    return true;
                }
            }
            return false;
        }

        void end() {
            ws();
            if (i != s.length()) {
                throw new IllegalStateException("Nested rows: unexpected text at " + i);
            }
        }
    }
}

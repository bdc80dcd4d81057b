package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Relations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values nested inside MULTISET (decoded by jOOQ from the JSONB that PostgreSQL builds) must come back identical —
 * {@code equals}, not just "the same number" — to the same values read at the top level (decoded by the JDBC driver).
 * The example schema lacks most types, so this class creates its own two tables, described to jOOQ without codegen.
 *
 * <p>Rows are inserted with SQL literals (not jOOQ binds), so the input is exactly what the test states; each column is
 * compared on every row, along four paths: parent → children (to-many), child → parent → children (to-one, then
 * to-many), child → twin (to-one self-reference: the row itself) and the library's own top-level read.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "it checks PostgreSQL's own types (bytea, arrays, jsonb, infinity) through the library's own JSON decoding")
class DataFidelityTest {

    /** A PostgreSQL enum, mapped by hand as jOOQ's codegen would. */
    enum Mood implements EnumType {
        HAPPY("happy"), SAD("sad"), COMPLICATED("it's \"complicated\""), PARTY("emoji 🎉");

        private final String literal;

        Mood(String literal) {
            this.literal = literal;
        }

        @Override
        public String getLiteral() {
            return literal;
        }

        @Override
        public String getName() {
            return "fidelity_mood";
        }

        @Override
        public Schema getSchema() {
            return null;
        }
    }

    static final class Parent extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, String> LABEL = createField(DSL.name("label"), SQLDataType.CLOB);

        Parent() {
            super(DSL.name("fidelity_parent"));
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    static final class Child extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, Long> PARENT_ID = createField(DSL.name("parent_id"), SQLDataType.BIGINT);
        final TableField<Record, Long> TWIN_ID = createField(DSL.name("twin_id"), SQLDataType.BIGINT);
        final TableField<Record, OffsetDateTime> TS = createField(DSL.name("ts"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
        final TableField<Record, LocalDateTime> LOCAL_TS = createField(DSL.name("local_ts"), SQLDataType.LOCALDATETIME(6));
        final TableField<Record, LocalDate> DAY = createField(DSL.name("day"), SQLDataType.LOCALDATE);
        final TableField<Record, BigDecimal> MONEY = createField(DSL.name("money"), SQLDataType.NUMERIC(12, 2));
        final TableField<Record, BigDecimal> BIG = createField(DSL.name("big"), SQLDataType.NUMERIC);
        final TableField<Record, Long> I8 = createField(DSL.name("i8"), SQLDataType.BIGINT);
        final TableField<Record, Integer> I4 = createField(DSL.name("i4"), SQLDataType.INTEGER);
        final TableField<Record, Double> F8 = createField(DSL.name("f8"), SQLDataType.DOUBLE);
        final TableField<Record, String> TXT = createField(DSL.name("txt"), SQLDataType.CLOB);
        final TableField<Record, Boolean> FLAG = createField(DSL.name("flag"), SQLDataType.BOOLEAN);
        final TableField<Record, Mood> MOOD = createField(DSL.name("mood"), SQLDataType.VARCHAR.asEnumDataType(Mood.class));
        final TableField<Record, UUID> UID = createField(DSL.name("uid"), SQLDataType.UUID);
        final TableField<Record, byte[]> BYTES = createField(DSL.name("bytes"), SQLDataType.BLOB);
        final TableField<Record, JSONB> DOC = createField(DSL.name("doc"), SQLDataType.JSONB);
        final TableField<Record, String[]> TAGS = createField(DSL.name("tags"), SQLDataType.CLOB.array());
        final TableField<Record, Integer[]> NUMS = createField(DSL.name("nums"), SQLDataType.INTEGER.array());

        Child() {
            super(DSL.name("fidelity_child"));
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    static final Parent PARENT = new Parent();
    static final Child CHILD = new Child();

    static final Relations RELATIONS = Relations.define(r -> {
        r.table(CHILD)
                .one("parent", PARENT, from(CHILD.PARENT_ID).to(PARENT.ID))
                .one("twin", CHILD, from(CHILD.TWIN_ID).to(CHILD.ID));
        r.table(PARENT).many("children", CHILD);
    });

    /**
     * The input, as SQL literals by column, one map per child row (a missing column is null): rows 1-3 belong to
     * parent 1 (row 3 is all nulls), rows 4-6 to parent 2, parent 3 has none; every row is its own twin.
     */
    static final List<Map<String, String>> ROWS = List.of(
            row(1, 1,
                    "ts", "'2026-01-25 10:11:12.123456+02:00'",
                    "local_ts", "'2026-01-25 10:11:12.123456'",
                    "day", "'2026-01-25'",
                    "money", "9999999999.99",
                    "big", "123456789012345678901234567890.123456789",
                    "i8", "9223372036854775807",
                    "i4", "2147483647",
                    "f8", "0.1",
                    "txt", "$q$it's \"quoted\" \\ back\\slash\\\nnew line\ttab 🎉 日本語 \\u0041 \\n$q$",
                    "flag", "true",
                    "mood", "'it''s \"complicated\"'",
                    "uid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "bytes", "'\\x00ff10'::bytea",
                    "doc", "'{\"a\": [1, 2.50, \"x\"], \"b\": null, \"c\": {\"d\": \"é \\\" \\\\\"}}'",
                    "tags", "array['a', 'b \"q\"', 'with,comma', '{braces}', 'back\\slash', 'NULL', '']",
                    "nums", "'{1,-2,2147483647}'"),
            row(2, 1,
                    "ts", "'1999-12-31 23:59:59.999999-08:00'",
                    "local_ts", "'0001-01-01 00:00:00'",
                    "day", "'0001-01-01'",
                    "money", "0.00",
                    "big", "-0.000000000000000000000000000001",
                    "i8", "-9223372036854775808",
                    "i4", "-2147483648",
                    "f8", "1.7976931348623157e308",
                    "txt", "''",
                    "flag", "false",
                    "mood", "'emoji 🎉'",
                    "uid", "'00000000-0000-0000-0000-000000000000'",
                    "bytes", "''::bytea",
                    "doc", "'[]'",
                    "tags", "'{}'",
                    "nums", "'{}'"),
            row(3, 1),
            row(4, 2,
                    "ts", "'2026-06-01 00:00:00+05:45'",
                    "local_ts", "'9999-12-31 23:59:59.999999'",
                    "day", "'9999-12-31'",
                    "money", "-12345678.90",
                    "big", "1.000",
                    "i8", "0",
                    "i4", "0",
                    "f8", "-0.0",
                    "txt", "'  padded  ' || chr(13) || chr(10)",
                    "flag", "true",
                    "mood", "'happy'",
                    "uid", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                    "bytes", "decode('DEADBEEF', 'hex')",
                    "doc", "'\"just a string\"'",
                    "tags", "array[null, 'null', 'ü', '🎉']::text[]",
                    "nums", "array[null, 0]::int[]"),
            row(5, 2,
                    "ts", "'1970-01-01 00:00:00.000001+00:00'",
                    "local_ts", "'1970-01-01 00:00:00.000001'",
                    "day", "'2000-02-29'",
                    "money", "0.10",
                    "big", "1000000000000000000000000000000",
                    "i8", "1",
                    "i4", "1",
                    "f8", "123456789.125",
                    "txt", "repeat('ü🎉', 5000)",
                    "flag", "false",
                    "mood", "'sad'",
                    "uid", "'6ba7b810-9dad-11d1-80b4-00c04fd430c8'",
                    "bytes", "'\\x5c22270a'::bytea",
                    "doc", "'{\"big\": 123456789012345678901234567890.123456789, \"int\": 9223372036854775807, \"z\": 1e-7}'",
                    "tags", "array['x']",
                    "nums", "'{2147483647,-2147483648}'"),
            row(6, 2,
                    "ts", "'2026-03-29 02:30:00.5 Europe/Berlin'",
                    "local_ts", "'2026-03-29 02:30:00.5'",
                    "day", "'1970-01-01'",
                    "money", "0.01",
                    "big", "0",
                    "i8", "-1",
                    "i4", "-1",
                    "f8", "5e-324",
                    "txt", "'null'",
                    "flag", "true",
                    "mood", "'happy'",
                    "uid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "bytes", "'\\x00'::bytea",
                    "doc", "'null'",
                    "tags", "array['\\u0000 is not a NUL', '\\\"']",
                    "nums", "'{0}'"));

    /**
     * Values known NOT to round-trip, as "column/row id", left out of the comparison (remove an entry once fixed):
     *
     * <ul>
     *   <li>{@code doc/6}: the jsonb value {@code 'null'} (JSON null, not SQL NULL) comes back as SQL NULL (Java
     *       {@code null}) when nested: jOOQ's MULTISET emulation wraps each row in {@code jsonb_build_array(...)}, where
     *       a JSON null and an SQL NULL are both {@code null}. Top level: {@code JSONB("null")}.
     * </ul>
     *
     * <p>Not asserted at all, found when this test was written (none is in {@link #ROWS}): a nested jsonb keeps its
     * value but not its text ({@code {"a": [1, 2.50]}} becomes {@code {"a":[1,2.50]}}, {@code 0.0000001} becomes
     * {@code 1E-7}), so it is compared with PostgreSQL's {@code jsonb =}; BC timestamps/timestamptz nested throw
     * {@code DataAccessException} (root cause {@code StringIndexOutOfBoundsException}); timestamptz/timestamp/date
     * beyond year 9999 and date/timestamp {@code 'infinity'} come back nested as {@code null} without an error; with
     * {@code extra_float_digits = 0} in the session, a nested float8 1.7976931348623157E308 becomes Infinity.
     */
    static final List<String> KNOWN_NOT_ROUND_TRIPPING = List.of("doc/6");

    // below RELATIONS, which its factory uses (an initializer cannot refer to a field declared after it)
    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = new MigratedDatabase().withData(DataFidelityTest::createAndLoad)
            .ready(dsl -> NestedReads.using(dsl, RELATIONS));

    /** Each row as a plain top-level {@code selectFrom(CHILD)}: the reference. */
    static final Map<Long, Record> TOP = new LinkedHashMap<>();

    private static Map<String, String> row(long id, long parent, String... columnsAndLiterals) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", String.valueOf(id));
        row.put("parent_id", String.valueOf(parent));
        row.put("twin_id", String.valueOf(id));
        for (int i = 0; i < columnsAndLiterals.length; i += 2) {
            row.put(columnsAndLiterals[i], columnsAndLiterals[i + 1]);
        }
        return row;
    }

    private static void createAndLoad(DSLContext dsl) {
        sql(dsl, "create type fidelity_mood as enum ('happy', 'sad', 'it''s \"complicated\"', 'emoji 🎉')");
        sql(dsl, "create table fidelity_parent (id bigint primary key, label text)");
        sql(dsl, """
                create table fidelity_child (
                    id         bigint primary key,
                    parent_id  bigint references fidelity_parent (id),
                    twin_id    bigint references fidelity_child (id),
                    ts         timestamptz,
                    local_ts   timestamp,
                    day        date,
                    money      numeric(12, 2),
                    big        numeric,
                    i8         bigint,
                    i4         integer,
                    f8         double precision,
                    txt        text,
                    flag       boolean,
                    mood       fidelity_mood,
                    uid        uuid,
                    bytes      bytea,
                    doc        jsonb,
                    tags       text[],
                    nums       int[]
                )""");
        sql(dsl, "insert into fidelity_parent values (1, 'one \"1\"'), (2, 'two'), (3, 'no children')");
        for (Map<String, String> row : ROWS) {
            sql(dsl, "insert into fidelity_child (" + String.join(", ", row.keySet()) + ") values ("
                    + String.join(", ", row.values()) + ")");
        }
        dsl.selectFrom(CHILD).orderBy(CHILD.ID).fetch().forEach(r -> TOP.put(r.get(CHILD.ID), r));
    }

    /** Runs SQL through plain JDBC: jOOQ's plain-SQL templating would read {braces} in array and JSON literals. */
    private static void sql(DSLContext dsl, String statement) {
        dsl.connection(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(statement);
            }
        });
    }

    /** The rows of fidelity_child as one path of nested reads returns them, by id; {@code columns} null: all. */
    record Path(String name, Function<NestedReads, Map<Long, Record>> read, List<Field<?>> columns) {
        Path(String name, Function<NestedReads, Map<Long, Record>> read) {
            this(name, read, null);
        }

        List<Field<?>> compared() {
            return columns == null ? List.of(CHILD.fields()) : columns;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The columns whose nested values the library decodes from the JSON text itself (NestedJson), without jOOQ's
     * records: a level of only these is read that way; one more column of another type (bytea, jsonb, arrays) and jOOQ
     * reads the level, as in the paths above.
     */
    static final List<Field<?>> DECODED = List.of(CHILD.ID, CHILD.PARENT_ID, CHILD.TWIN_ID, CHILD.TS, CHILD.LOCAL_TS,
            CHILD.DAY, CHILD.MONEY, CHILD.BIG, CHILD.I8, CHILD.I4, CHILD.F8, CHILD.TXT, CHILD.FLAG, CHILD.MOOD, CHILD.UID);

    @SuppressWarnings("unchecked") // columns(CHILD.ID): a generic varargs array
    static final List<Path> PATHS = List.of(
            new Path("parent -> children (to-many)", r -> {
                Map<Long, Record> rows = new LinkedHashMap<>();
                r.from(PARENT).orderBy(PARENT.ID).with("children", c -> c.orderBy(CHILD.ID)).findMany()
                        .forEach(p -> p.many("children").forEach(c -> rows.put(c.record().get(CHILD.ID), c.record())));
                return rows;
            }),
            new Path("child -> parent -> children (to-one, then to-many)", r -> {
                Map<Long, Record> rows = new LinkedHashMap<>();
                r.from(CHILD).where(CHILD.ID.in(1L, 4L))
                        .with("parent", p -> p.with("children", c -> c.orderBy(CHILD.ID))).findMany()
                        .forEach(c -> c.one("parent").orElseThrow().many("children")
                                .forEach(n -> rows.put(n.record().get(CHILD.ID), n.record())));
                return rows;
            }),
            new Path("child -> twin (to-one self-reference)", r -> {
                Map<Long, Record> rows = new LinkedHashMap<>();
                r.from(CHILD).orderBy(CHILD.ID).columns(CHILD.ID).with("twin").findMany()
                        .forEach(c -> rows.put(c.record().get(CHILD.ID), c.one("twin").orElseThrow().record()));
                return rows;
            }),
            new Path("parent -> children, decoded by the library", r -> {
                Map<Long, Record> rows = new LinkedHashMap<>();
                r.from(PARENT).orderBy(PARENT.ID).with("children", c -> c.orderBy(CHILD.ID)
                                .columns(DECODED.toArray(org.jooq.TableField[]::new)))
                        .findMany()
                        .forEach(p -> p.many("children").forEach(c -> rows.put(c.record().get(CHILD.ID), c.record())));
                return rows;
            }, DECODED),
            new Path("library top level", r -> {
                Map<Long, Record> rows = new LinkedHashMap<>();
                r.from(CHILD).orderBy(CHILD.ID).findMany().forEach(c -> rows.put(c.record().get(CHILD.ID), c.record()));
                return rows;
            }));

    @Test
    void theReferenceReadsBackWhatWasInserted() {
        assertThat(TOP).hasSize(ROWS.size());
        Record first = TOP.get(1L);
        assertThat(first.get(CHILD.BIG)).isEqualTo(new BigDecimal("123456789012345678901234567890.123456789"));
        assertThat(first.get(CHILD.I8)).isEqualTo(Long.MAX_VALUE);
        assertThat(TOP.get(2L).get(CHILD.I8)).isEqualTo(Long.MIN_VALUE);
        assertThat(first.get(CHILD.MOOD)).isEqualTo(Mood.COMPLICATED);
        assertThat(first.get(CHILD.TS).toInstant()).isEqualTo(OffsetDateTime.parse("2026-01-25T10:11:12.123456+02:00").toInstant());
        assertThat(first.get(CHILD.TXT)).contains("it's \"quoted\" \\ back\\slash\\\nnew line\ttab 🎉");
        assertThat(TOP.get(3L).intoList().subList(3, CHILD.fields().length)).containsOnlyNulls();
    }

    @TestFactory
    Stream<DynamicTest> everyColumnReadNestedEqualsTheTopLevelValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : PATHS) {
            for (Field<?> column : path.compared()) {
                tests.add(DynamicTest.dynamicTest(column.getName() + " via " + path,
                        () -> assertSameValues(path, column, TOP)));
            }
        }
        return tests.stream();
    }

    /** Under a session time zone other than UTC (pgjdbc sets it from the JVM's), timestamps keep instant and offset. */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"})
    void timestampsNestedEqualTopLevelUnderAnySessionTimeZone(String zone) {
        sql(DB.dsl(), "set time zone '" + zone + "'");
        try {
            Map<Long, Record> top = new LinkedHashMap<>();
            DB.dsl().selectFrom(CHILD).orderBy(CHILD.ID).fetch().forEach(r -> top.put(r.get(CHILD.ID), r));
            assertThat(top.get(1L).get(CHILD.TS).toInstant())
                    .isEqualTo(OffsetDateTime.parse("2026-01-25T10:11:12.123456+02:00").toInstant());
            for (Path path : PATHS) {
                for (Field<?> column : List.of(CHILD.TS, CHILD.LOCAL_TS, CHILD.DAY)) {
                    if (path.compared().contains(column)) {
                        assertSameValues(path, column, top);
                    }
                }
            }
        } finally {
            sql(DB.dsl(), "reset timezone");
        }
    }

    /** Reads {@code path} (one statement) and compares {@code column} on every row with {@code top}. */
    private static void assertSameValues(Path path, Field<?> column, Map<Long, Record> top) {
        DB.counter().reset();
        Map<Long, Record> nested = path.read().apply(DB.get());
        assertThat(DB.counter().count()).as("statements of %s", path).isEqualTo(1);
        assertThat(nested.keySet()).containsExactlyInAnyOrderElementsOf(top.keySet());
        List<String> differences = new ArrayList<>();
        for (Map<String, String> input : ROWS) {
            long id = Long.parseLong(input.get("id"));
            if (KNOWN_NOT_ROUND_TRIPPING.contains(column.getName() + "/" + id)) {
                continue;
            }
            Object expected = top.get(id).get(column);
            Object actual = nested.get(id).get(column);
            if (!same(expected, actual)) {
                differences.add("row " + id + ": input " + input.getOrDefault(column.getName(), "null")
                        + ", top-level " + show(expected) + ", nested " + show(actual));
            }
        }
        assertThat(differences).as("%s (%s) via %s", column.getName(), column.getDataType().getTypeName(), path)
                .isEmpty();
    }

    @Test
    void jsonRendersNumbersExactly() {
        String top = DB.get().from(CHILD).orderBy(CHILD.ID).findManyJson();
        String nested = DB.get().from(PARENT).orderBy(PARENT.ID).with("children", c -> c.orderBy(CHILD.ID)).findManyJson();
        for (String json : List.of(top, nested)) {
            assertThat(json)
                    .containsPattern(key("big") + "123456789012345678901234567890\\.123456789\\s*[,}]")
                    .containsPattern(key("big") + "-0\\.000000000000000000000000000001\\s*[,}]")
                    .containsPattern(key("big") + "1\\.000\\s*[,}]")
                    .containsPattern(key("big") + "1000000000000000000000000000000\\s*[,}]")
                    .containsPattern(key("i8") + "9223372036854775807\\s*[,}]")
                    .containsPattern(key("i8") + "-9223372036854775808\\s*[,}]")
                    .containsPattern(key("money") + "9999999999\\.99\\s*[,}]")
                    .containsPattern(key("money") + "0\\.00\\s*[,}]")
                    .containsPattern(key("money") + "0\\.10\\s*[,}]")
                    .containsPattern(key("i4") + "-2147483648\\s*[,}]")
                    .contains("123456789012345678901234567890.123456789, \"int\": 9223372036854775807");
        }
    }

    @Test
    void jsonOfAReadWithoutRowsIsAnEmptyArray() {
        assertThat(DB.get().from(CHILD).where(CHILD.ID.eq(-1L)).findManyJson()).isEqualTo("[]");
        assertThat(DB.get().from(PARENT).where(PARENT.ID.eq(3L)).with("children").findManyJson())
                .containsPattern("\"children\"\\s*:\\s*\\[\\]");
    }

    private static String key(String name) {
        return "\"" + Pattern.quote(name) + "\"\\s*:\\s*";
    }

    /**
     * Strict equality: same class, and equals (arrays element by element), so BigDecimal scale, offsets and -0.0 count;
     * jsonb by PostgreSQL's {@code jsonb =} (its text is not kept, see {@link #KNOWN_NOT_ROUND_TRIPPING}).
     */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Object[] x) {
            return Arrays.deepEquals(x, (Object[]) b);
        }
        if (a instanceof byte[] x) {
            return Arrays.equals(x, (byte[]) b);
        }
        if (a instanceof JSONB x) {
            return DB.dsl().fetchValue(DSL.field("cast({0} as jsonb) = cast({1} as jsonb)", Boolean.class,
                    DSL.val(x.data()), DSL.val(((JSONB) b).data())));
        }
        return Objects.equals(a, b);
    }

    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        String text = v instanceof Object[] a ? Arrays.deepToString(a)
                : v instanceof byte[] b ? "0x" + java.util.HexFormat.of().formatHex(b)
                : v instanceof JSONB j ? "JSONB " + j.data()
                : String.valueOf(v);
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return text + " (" + v.getClass().getSimpleName() + ")";
    }
}

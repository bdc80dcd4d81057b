package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Relations;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 300-column table read nested two levels deep, with a to-one joined into the nested rows (601 values per nested
 * row), on every output form: typed nodes, records, JSON, a prepared read and query per level. PostgreSQL passes at
 * most 100 arguments to a function; the nested rows travel in chunks of 100 values and JSON objects are built 50 keys
 * per call, so no read is refused for its width.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "its 300-column table is created with PostgreSQL's DDL and types (timestamptz, boolean, numeric); HostileInputTest reads 350 values wide on every dialect")
class WideTablesTest {

    static final int COLUMNS = 300;
    private static final List<DataType<?>> TYPES = List.of(SQLDataType.CLOB, SQLDataType.INTEGER,
            SQLDataType.NUMERIC(12, 2), SQLDataType.TIMESTAMPWITHTIMEZONE, SQLDataType.BOOLEAN);
    private static final List<String> SQL_TYPES = List.of("text", "integer", "numeric(12, 2)", "timestamptz", "boolean");

    static final class Wide extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, Long> PARENT_ID = createField(DSL.name("parent_id"), SQLDataType.BIGINT);

        Wide() {
            super(DSL.name("wide"));
            for (int c = 3; c <= COLUMNS; c++) {
                createField(DSL.name(column(c)), TYPES.get(c % TYPES.size()));
            }
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    static final Wide WIDE = new Wide();

    static final Relations GRAPH = Relations.define(r -> r.table(WIDE)
            .one("parent", WIDE, from(WIDE.PARENT_ID).to(WIDE.ID))
            .many("children", WIDE));

    // below GRAPH, which its factory uses (an initializer cannot refer to a field declared after it)
    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = new MigratedDatabase().withData(WideTablesTest::createWide)
            .ready(dsl -> NestedReads.using(dsl, GRAPH));

    static String column(int c) {
        return String.format("c%03d", c);
    }

    /** The value row {@code id} has in column {@code c}; every fifth column of a row is null. */
    static String literal(long id, int c) {
        if ((id + c) % 5 == 0) {
            return "null";
        }
        return switch (c % TYPES.size()) {
            case 0 -> "'row " + id + " col " + c + " \"q\"'";
            case 1 -> String.valueOf(id * 1000 + c);
            case 2 -> id + "." + String.format("%02d", c % 100);
            case 3 -> "'2026-01-0" + (1 + id % 9) + "T10:00:00." + c + "Z'";
            default -> (id + c) % 2 == 0 ? "true" : "false";
        };
    }

    private static void createWide(DSLContext dsl) {
        StringBuilder ddl = new StringBuilder("create table wide (id bigint primary key, parent_id bigint references wide");
        for (int c = 3; c <= COLUMNS; c++) {
            ddl.append(", ").append(column(c)).append(' ').append(SQL_TYPES.get(c % TYPES.size()));
        }
        dsl.execute(ddl.append(")").toString());
        // 1 has children 2 and 3; 2 has 4 and 5; 3 has 6
        long[][] rows = {{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {6, 3}};
        for (long[] row : rows) {
            StringBuilder insert = new StringBuilder("insert into wide values (" + row[0] + ", "
                    + (row[1] == 0 ? "null" : String.valueOf(row[1])));
            for (int c = 3; c <= COLUMNS; c++) {
                insert.append(", ").append(literal(row[0], c));
            }
            dsl.execute(insert.append(")").toString());
        }
    }

    private static Read<Record> twoDeep() {
        return DB.get().from(WIDE).where(WIDE.ID.eq(1L))
                .with("children", c -> c.orderBy(WIDE.ID).with("parent")
                        .with("children", cc -> cc.orderBy(WIDE.ID)));
    }

    @Test
    void nodesCarryEveryColumnTwoLevelsDeepInOneStatement() {
        DB.counter().reset();
        Node<Record> root = twoDeep().findFirst().orElseThrow();
        assertThat(DB.counter().count()).isEqualTo(1);
        Node<?> two = root.many("children").get(0);
        Node<?> five = two.many("children").get(1);
        assertThat(five.record().get("id")).isEqualTo(5L);
        assertThat(five.record().size()).isEqualTo(COLUMNS);
        assertThat(two.one("parent").orElseThrow().record().get(column(298))).isEqualTo(DB.dsl()
                .fetchValue("select " + column(298) + " from wide where id = 1"));
        // every value of every nested row equals the same row read flat
        for (Node<?> node : List.of(two, five, root.many("children").get(1).many("children").get(0),
                two.one("parent").orElseThrow())) {
            Record flat = DB.dsl().selectFrom(WIDE).where(WIDE.ID.eq((Long) node.record().get("id"))).fetchOne();
            for (Field<?> f : WIDE.fields()) {
                assertThat(node.record().get(f.getName())).as(f.getName()).isEqualTo(flat.get(f));
            }
        }
        assertThat(five.record().get(column(152))).isEqualTo(new BigDecimal("5.52"));
        assertThat(five.record().get(column(153))).isInstanceOf(OffsetDateTime.class);
    }

    @Test
    void queryPerLevelAndAPreparedReadGiveTheSameTree() {
        Object single = QueryPerLevelStrategyTest.normalize(twoDeep().findMany());
        assertThat(QueryPerLevelStrategyTest.normalize(twoDeep().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(single);
        PreparedRead<Record> prepared = DB.get().from(WIDE).where(WIDE.ID.eq(DSL.param("id", Long.class)))
                .with("children", c -> c.orderBy(WIDE.ID).with("parent").with("children", cc -> cc.orderBy(WIDE.ID)))
                .prepare();
        assertThat(QueryPerLevelStrategyTest.normalize(prepared.findMany(Map.of("id", 1L)))).isEqualTo(single);
    }

    @Test
    void aTreeOfTheWideTableCarriesEveryColumn() {
        Node<Record> root = DB.get().from(WIDE).where(WIDE.ID.eq(1L)).withTree("children", 5).findFirst().orElseThrow();
        Node<?> two = root.many("children").get(0);
        assertThat(two.many("children")).extracting(n -> n.record().get("id")).containsExactly(4L, 5L);
        Node<?> five = two.many("children").get(1);
        assertThat(five.record().get(column(296))).isEqualTo(5296);
        assertThat(five.record().get(column(300))).isNull();
        assertThat(two.many("children").get(0).record().get(column(300))).isEqualTo("row 4 col 300 \"q\"");
    }

    record Grandchild(long id, String c300, Integer c296) {
    }

    record Child(long id, Boolean c299, List<Grandchild> children) {
    }

    record Root(long id, String c005, List<Child> children) {
    }

    @Test
    void recordsMapFromTheChunkedRows() {
        Root root = twoDeep().findFirst(Root.class).orElseThrow();
        assertThat(root.children()).extracting(Child::id).containsExactly(2L, 3L);
        assertThat(root.children().get(0).children()).containsExactly(new Grandchild(4, "row 4 col 300 \"q\"", null),
                new Grandchild(5, null, 5296));
        assertThat(root.children().get(1).c299()).isEqualTo(DB.dsl().fetchValue("select c299 from wide where id = 3"));
    }

    @Test
    void jsonObjectsOfHundredsOfKeysKeepTheirOrderAndValues() {
        String json = twoDeep().findManyJson();
        List<?> roots = (List<?>) new DifferentialReads.Json(json).parse();
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) roots.get(0);
        assertThat(root.keySet()).hasSize(COLUMNS + 1).startsWith("id", "parentId", "c003").endsWith("c300", "children");
        Map<?, ?> two = (Map<?, ?>) ((List<?>) root.get("children")).get(0);
        assertThat(two.keySet()).hasSize(COLUMNS + 2);
        assertThat(((Map<?, ?>) two.get("parent")).get("id")).isEqualTo(BigDecimal.ONE);
        Map<?, ?> five = (Map<?, ?>) ((List<?>) two.get("children")).get(1);
        assertThat(five.get("c300")).isNull();
        assertThat(((Map<?, ?>) ((List<?>) two.get("children")).get(0)).get("c300")).isEqualTo("row 4 col 300 \"q\"");
        assertThat(five.get("c296")).isEqualTo(new BigDecimal("5296"));
        assertThat(five.get("c295")).isNull();
        assertThat(twoDeep().findFirstJson().orElseThrow()).startsWith("{\"id\" : 1, \"parentId\" : null, \"c003\" : ");
    }
}

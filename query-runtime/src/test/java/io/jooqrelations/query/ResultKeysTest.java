package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.relations.Relations;
import java.util.List;
import org.jooq.DSLContext;
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
 * Every column is read under one key — the camelCase of its name, or the key given with {@code key(column, name)} —
 * in JSON and in record components alike; two columns under one key are refused when the read is built.
 */
@RunsOn(value = DialectChoice.POSTGRES, because = "its table (mixed-case and spaced column names) is created with PostgreSQL's DDL; keys of records and JSON are the same code on every dialect (RecordMappingTest, JsonReadsTest)")
class ResultKeysTest {

    static final class People extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, String> FIRST_NAME = createField(DSL.name("first_name"), SQLDataType.CLOB);
        final TableField<Record, String> FIRST_NAME_CAMEL = createField(DSL.name("firstName"), SQLDataType.CLOB);
        final TableField<Record, Integer> LINE_NO = createField(DSL.name("Line No"), SQLDataType.INTEGER);
        final TableField<Record, Long> PARENT_ID = createField(DSL.name("parent_id"), SQLDataType.BIGINT);

        People() {
            super(DSL.name("people"));
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    static final People PEOPLE = new People();

    static final Relations GRAPH = Relations.define(r -> r.table(PEOPLE)
            .one("parent", PEOPLE, from(PEOPLE.PARENT_ID).to(PEOPLE.ID)).many("children", PEOPLE));

    // below GRAPH, which its factory uses (an initializer cannot refer to a field declared after it)
    // tag::ready-database[]
    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = new MigratedDatabase().withData(ResultKeysTest::createPeople)
            .ready(dsl -> NestedReads.using(dsl, GRAPH));
    // end::ready-database[]

    private static void createPeople(DSLContext dsl) {
        dsl.execute("create table people (id bigint primary key, first_name text, \"firstName\" text, "
                + "\"Line No\" int, parent_id bigint references people);"
                + "insert into people values (1, 'snake', 'camel', 7, null), (2, 'kid', 'Kid', 8, 1)");
    }

    record Person(Long id, String firstName, String firstNameCamel, Integer lineNo, List<Person> children) {
    }

    @Test
    void twoColumnsUnderOneKeyAreRefusedWhenTheReadIsBuilt() {
        assertThatThrownBy(() -> DB.get().from(PEOPLE).findManyJson())
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Columns people.first_name and people.firstName are both read under the key 'firstName' at "
                        + "people; give one a key of its own with key(column, \"...\"), or leave one out with omit(...).");
        assertThatThrownBy(() -> DB.get().from(PEOPLE).key(PEOPLE.FIRST_NAME, "lineNo").key(PEOPLE.LINE_NO, "lineNo"))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("key(\"lineNo\") on people: 'lineNo' is already used at this level by a key(...); each key "
                        + "appears once.");
        assertThatThrownBy(() -> DB.get().from(PEOPLE).key(PEOPLE.FIRST_NAME_CAMEL, "parentId").findMany())
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Columns people.firstName and people.parent_id are both read under the key 'parentId' at "
                        + "people; give one a key of its own with key(column, \"...\"), or leave one out with omit(...).");
        // a column may keep (or restate) the key its name gives it
        assertThat(DB.get().from(PEOPLE).key(PEOPLE.FIRST_NAME, "firstName").key(PEOPLE.FIRST_NAME_CAMEL, "camel")
                .where(PEOPLE.ID.eq(1L)).findFirstJson().orElseThrow()).contains("\"camel\" : \"camel\"");
        // leaving one of the two out is enough
        assertThat(DB.get().from(PEOPLE).omit(PEOPLE.FIRST_NAME_CAMEL).where(PEOPLE.ID.eq(1L)).findFirstJson().orElseThrow())
                .contains("\"firstName\" : \"snake\"");
    }

    @Test
    void aKeyOfItsOwnNamesTheColumnInJsonAndInRecordsOnEveryPath() {
        Read<Record> read = DB.get().from(PEOPLE).where(PEOPLE.ID.eq(1L))
                .key(PEOPLE.FIRST_NAME_CAMEL, "firstNameCamel").key(PEOPLE.LINE_NO, "lineNo")
                .with("children", c -> c.key(PEOPLE.FIRST_NAME_CAMEL, "firstNameCamel").key(PEOPLE.LINE_NO, "lineNo")
                        .omit(PEOPLE.PARENT_ID));
        assertThat(read.findFirstJson().orElseThrow()).contains("\"firstName\" : \"snake\"")
                .contains("\"firstNameCamel\" : \"camel\"").contains("\"lineNo\" : 7")
                .contains("\"firstNameCamel\" : \"Kid\"");
        Person expected = new Person(1L, "snake", "camel", 7, List.of(new Person(2L, "kid", "Kid", 8, List.of())));
        assertThat(read.findFirst(PersonTree.class).orElseThrow().asPerson()).isEqualTo(expected);
        assertThat(read.strategy(ReadStrategy.QUERY_PER_LEVEL).findFirst(PersonTree.class).orElseThrow().asPerson())
                .isEqualTo(expected);
        assertThat(read.strategy(ReadStrategy.SINGLE_STATEMENT).prepare().findFirst(PersonTree.class, java.util.Map.of())
                .orElseThrow().asPerson()).isEqualTo(expected);
    }

    record Child(Long id, String firstName, String firstNameCamel, Integer lineNo) {
    }

    record PersonTree(Long id, String firstName, String firstNameCamel, Integer lineNo, List<Child> children) {

        Person asPerson() {
            return new Person(id, firstName, firstNameCamel, lineNo, children.stream()
                    .map(c -> new Person(c.id(), c.firstName(), c.firstNameCamel(), c.lineNo(), List.of())).toList());
        }
    }

    @Test
    void aKeyCannotBeGivenTwiceNorTakeAnotherColumnsName() {
        assertThatThrownBy(() -> DB.get().from(PEOPLE).key(PEOPLE.LINE_NO, "lineNo").key(PEOPLE.LINE_NO, "position"))
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("key(Line No, \"position\") on people: the column already has the key 'lineNo'.");
        // JSON with JsonKeys.COLUMN_NAMES reads an unkeyed column under its own name: that name is taken too
        assertThatThrownBy(() -> DB.get().from(PEOPLE).omit(PEOPLE.FIRST_NAME).key(PEOPLE.FIRST_NAME_CAMEL, "parent_id")
                .findManyJson())
                .isInstanceOf(InvalidReadException.class)
                .hasMessage("Columns people.firstName and people.parent_id are both read under the key 'parent_id' at "
                        + "people; give one a key of its own with key(column, \"...\"), or leave one out with omit(...).");
    }
}

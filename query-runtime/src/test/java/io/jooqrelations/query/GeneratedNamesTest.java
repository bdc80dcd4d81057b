package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The names the library gives to derived tables, CTEs and their columns cannot collide with a user's: a table named
 * {@code tree}, {@code rows} or {@code numbered}, columns named {@code c0}, {@code (present)}, {@code tree_depth},
 * {@code j}, {@code rn}... read the same on every back end.
 */
class GeneratedNamesTest {

    /** Every name the back ends use (or used) for something of their own. */
    static final List<String> INTERNAL_NAMES = List.of("c0", "c1", "c2", "c3", "(present)", "tree_depth", "tree_path",
            "tree_cycle", "qpl_link_0", "qpl_rn", "j", "rn", "k0", "v0");

    static final class Tree extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, Long> PARENT_ID = createField(DSL.name("parent_id"), SQLDataType.BIGINT);

        Tree(String name) {
            super(DSL.name(name));
            for (String column : INTERNAL_NAMES) {
                createField(DSL.name(column), SQLDataType.CLOB);
            }
        }

        @Override
        public UniqueKey<Record> getPrimaryKey() {
            return Internal.createUniqueKey(this, ID);
        }
    }

    static final Tree TREE = new Tree("tree");
    static final Tree ROWS = new Tree("rows");

    static final Relations GRAPH = Relations.define(r -> {
        r.table(TREE)
                .one("parent", TREE, from(TREE.PARENT_ID).to(TREE.ID))
                .many("children", TREE)
                .many("rows", ROWS, from(TREE.ID).to(ROWS.PARENT_ID));
        r.table(ROWS).one("numbered", TREE, from(ROWS.PARENT_ID).to(TREE.ID));
    });

    // below GRAPH, which its factory uses (an initializer cannot refer to a field declared after it)
    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = new MigratedDatabase().withData(GeneratedNamesTest::createTrees)
            .ready(dsl -> NestedReads.using(dsl, GRAPH));

    private static void createTrees(DSLContext dsl) {
        // the DDL and rows through jOOQ, so that every dialect gets its own quoting of these names
        for (Tree table : List.of(TREE, ROWS)) {
            dsl.createTable(table).columns(table.fields()).primaryKey(table.ID).execute();
            for (long id = 1; id <= 4; id++) {
                List<Object> values = new java.util.ArrayList<>(List.of(id));
                values.add(id == 1 ? null : id / 2);
                values.addAll(INTERNAL_NAMES);
                dsl.insertInto(table).values(values).execute();
            }
        }
    }

    private static Read<Record> read() {
        return DB.get().from(TREE).orderBy(TREE.ID)
                .with("parent", p -> p.where(TREE.field("c0", String.class).eq("c0")))
                .with("children", c -> c.orderBy(TREE.ID).limit(1).with("rows", r -> r.orderBy(ROWS.ID)
                        .with("numbered")))
                .with("rows", r -> r.orderBy(ROWS.ID).offset(0));
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void theSingleStatementQueryPerLevelAndJsonReadTablesAndColumnsNamedLikeTheirOwnNames() {
        List<Node<Record>> single = read().findMany();
        assertThat(single).hasSize(4);
        Node<Record> root = single.get(0);
        assertThat(root.one("parent")).isEmpty();
        assertThat(single.get(1).one("parent").orElseThrow().record().get("(present)")).isEqualTo("(present)");
        assertThat(root.many("children")).hasSize(1);
        assertThat(root.record().get("c0")).isEqualTo("c0");
        assertThat(root.record().get("tree_depth")).isEqualTo("tree_depth");

        assertThat(QueryPerLevelStrategyTest.normalize(read().strategy(ReadStrategy.QUERY_PER_LEVEL).findMany()))
                .isEqualTo(QueryPerLevelStrategyTest.normalize(single));
        String json = read().findManyJson();
        assertThat(json.replace(" ", "")).contains("\"treeDepth\":\"tree_depth\"").contains("\"rn\":\"rn\"")
                .contains("\"j\":\"j\"");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse withTree(...): its recursive CTE would sit in a correlated subquery (DialectSupportTest)")
    @Test
    void aTreeOverATableNamedTreeWithColumnsNamedLikeTheRecursionsOwn() {
        List<Node<Record>> roots = DB.get().from(TREE).where(TREE.ID.eq(1L)).withTree("children", 5).findMany();
        Node<Record> root = roots.get(0);
        assertThat(root.many("children")).extracting(n -> n.record().get("id")).containsExactly(2L, 3L);
        Node<?> two = root.many("children").get(0);
        assertThat(two.record().get("id")).isEqualTo(2L);
        assertThat(two.record().get("tree_path")).isEqualTo("tree_path");
        assertThat(two.many("children")).extracting(n -> n.record().get("id")).containsExactly(4L);
    }
}

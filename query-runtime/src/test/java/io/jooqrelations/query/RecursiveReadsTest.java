package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import static io.jooqrelations.example.AppRelations.REPLIES;
import static io.jooqrelations.schema.Tables.COMMENTS;
import static io.jooqrelations.schema.Tables.INVOICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jooqrelations.test.ReadyDatabase;
import io.jooqrelations.schema.tables.records.CommentsRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecursiveReadsTest {

    @RegisterExtension
    static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData(RecursiveReadsTest::insertDeepChain);

    /** A long chain under comment 3: 6 -> 7 -> 8 -> 9 -> 10 (depths 3..7 below comment 1). */
    private static void insertDeepChain(DSLContext dsl) {
        long parent = 3;
        for (int i = 0; i < 5; i++) {
            parent = dsl.insertInto(COMMENTS, COMMENTS.INVOICE_ID, COMMENTS.PARENT_ID, COMMENTS.BODY)
                    .values(ExampleData.INV_1, parent, "deep " + i).returning(COMMENTS.ID).fetchOne().getId();
        }
    }

    @BeforeEach
    void reset() {
        DB.counter().reset();
    }

    record CommentTree(long id, String body, List<CommentTree> replies) {
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse withTree(...): its recursive CTE would sit in a correlated subquery (DialectSupportTest)")
    @Test
    void withTreeReadsTheWholeThreadWithRecursiveInOneStatement() {
        NestedReads reads = DB.get();   // named as in a user's code: the tagged region below is for the docs
        // tag::tree-read[]
        List<Node<CommentsRecord>> threads = reads.from(COMMENTS)
                .where(COMMENTS.PARENT_ID.isNull(), COMMENTS.INVOICE_ID.eq(ExampleData.INV_1))
                .withTree("replies", 50)
                .findMany();
        // end::tree-read[]
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(DB.counter().statements().get(0)).contains("with recursive");
        Node<CommentsRecord> root = threads.get(0);
        assertThat(root.get(REPLIES)).extracting(n -> n.record().getId()).containsExactly(2L, 4L);
        Node<CommentsRecord> deepest = root;
        int depth = 0;
        while (!deepest.get(REPLIES).isEmpty()) {
            deepest = deepest.get(REPLIES).get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(7);
        assertThat(deepest.record().getBody()).isEqualTo("deep 4");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse withTree(...): its recursive CTE would sit in a correlated subquery (DialectSupportTest)")
    @Test
    void aRecursiveJavaRecordMapsTheTree() {
        CommentTree tree = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(2L)).withTree("replies", 10)
                .findFirst(CommentTree.class).orElseThrow();
        assertThat(tree.replies()).hasSize(1);
        assertThat(tree.replies().get(0).body()).isEqualTo("Thanks!");
        assertThat(tree.replies().get(0).replies().get(0).replies().get(0).body()).isEqualTo("deep 1");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse withTree(...): its recursive CTE would sit in a correlated subquery (DialectSupportTest)")
    @Test
    void aTreeDeeperThanItsLimitIsAClearError() {
        assertThatThrownBy(() -> DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L)).withTree("replies", 3).findMany())
                .isInstanceOf(ReadDataException.class)
                .hasMessageStartingWith("Tree comments.replies under ")
                .hasMessageContaining("is deeper than withTree(\"replies\", 3) allows (comments 7 is at depth 4)");
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse withTree(...): its recursive CTE would sit in a correlated subquery (DialectSupportTest)")
    @Test
    void aCycleInTheDataIsDetectedInsteadOfLoopingForever() {
        DB.dsl().update(COMMENTS).set(COMMENTS.PARENT_ID, 3L).where(COMMENTS.ID.eq(1L)).execute();
        try {
            assertThatThrownBy(() -> DB.get().from(INVOICES).where(INVOICES.ID.eq(ExampleData.INV_1))
                    .with("comments", c -> c.where(COMMENTS.ID.eq(1L)).withTree("replies", 100)).findMany())
                    .isInstanceOf(ReadDataException.class)
                    .hasMessageContaining("Tree comments.replies has a cycle: comments ")
                    .hasMessageContaining("is its own ancestor (via parent_id)");
        } finally {
            DB.dsl().update(COMMENTS).setNull(COMMENTS.PARENT_ID).where(COMMENTS.ID.eq(1L)).execute();
        }
    }

    @RunsOn(value = {DialectChoice.POSTGRES, DialectChoice.SQLITE}, because = "MariaDB and MySQL refuse self-references nested in one statement (DialectSupportTest)")
    @Test
    void withRecursiveNestsAFixedNumberOfLevelsShapedAlike() {
        DB.counter().reset();
        Node<?> root = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L)).columns(COMMENTS.ID)
                .withRecursive("replies", 3, level -> level.columns(COMMENTS.ID).orderBy(COMMENTS.ID))
                .findFirst().orElseThrow();
        assertThat(ids(root, 3)).isEqualTo("1[2[3[6]], 4[]]");
        assertThat(DB.counter().count()).isEqualTo(1);
        String json = DB.get().from(COMMENTS).where(COMMENTS.ID.eq(1L)).columns(COMMENTS.ID)
                .withRecursive("replies", 3, level -> level.columns(COMMENTS.ID).orderBy(COMMENTS.ID))
                .findFirstJson().orElseThrow();
        assertThat(json.replace(" ", "")).isEqualTo("{\"id\":1,\"replies\":[{\"id\":2,\"replies\":[{\"id\":3,"
                + "\"replies\":[{\"id\":6}]}]},{\"id\":4,\"replies\":[]}]}");
    }

    /** The ids of a comment and its replies, {@code levels} deep: {@code 1[2[3], 4[]]}. */
    private static String ids(Node<?> comment, int levels) {
        String id = String.valueOf(comment.get(COMMENTS.ID));
        if (levels == 0) {
            return id;
        }
        return id + comment.many("replies").stream().map(r -> ids(r, levels - 1))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    @Test
    void recursionNeedsASelfReferentialRelationAndASaneLimit() {
        assertThatThrownBy(() -> DB.get().from(INVOICES).withTree("lineItems", 5)).isInstanceOf(InvalidReadException.class)
                .hasMessage("withTree(\"lineItems\") on invoices: invoices.lineItems leads to invoice_line_items, not back "
                        + "to invoices; recursion needs a self-referential relation such as comments.replies.");
        assertThatThrownBy(() -> DB.get().from(COMMENTS).withTree("parent", 5)).isInstanceOf(InvalidReadException.class)
                .hasMessage("withTree(\"parent\") on comments needs a direct to-many relation over one key column (like "
                        + "comments.replies); comments.parent is not.");
        assertThatThrownBy(() -> DB.get().from(COMMENTS).withTree("replies", 0)).isInstanceOf(InvalidReadException.class)
                .hasMessage("withTree(\"replies\", 0) on comments: maxDepth must be between 1 and 1000.");
        assertThatThrownBy(() -> DB.get().from(COMMENTS).withTree("replies", 5).findManyJson())
                .isInstanceOf(InvalidReadException.class)
                .hasMessageContaining(TestDialect.refusesSelfReferences() ? "is not supported on"
                        : "is not available for JSON reads");
    }
}

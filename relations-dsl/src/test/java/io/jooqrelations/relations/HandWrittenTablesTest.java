package io.jooqrelations.relations;

import static io.jooqrelations.relations.Link.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.Test;

/**
 * The graph over tables written by hand, not generated: no schema, no database. (The graph's tests over the example
 * schema live with that schema, in schema-sql.)
 */
class HandWrittenTablesTest {

    static final class Authors extends TableImpl<Record> {
        static final Authors AUTHORS = new Authors();
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this);

        private Authors() {
            super(DSL.name("authors"));
        }
    }

    static final class Books extends TableImpl<Record> {
        static final Books BOOKS = new Books();
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this);
        final TableField<Record, Long> authorId = createField(DSL.name("author_id"), SQLDataType.BIGINT, this);

        private Books() {
            super(DSL.name("books"));
        }
    }

    @Test
    void aOneAndItsInferredManyOverHandWrittenTables() {
        Relations relations = Relations.define(r -> {
            r.table(Books.BOOKS).one("author", Authors.AUTHORS, from(Books.BOOKS.authorId).to(Authors.AUTHORS.id));
            r.table(Authors.AUTHORS).many("books", Books.BOOKS);
        });

        assertThat(relations.toMermaid())
                .contains("books -->|\"author: one\"| authors")
                .contains("authors ==>|\"books: many\"| books");
    }

    @Test
    void aNullSchemaIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> Relations.define((org.jooq.Schema) null, r -> { }))
                .isInstanceOf(InvalidRelationsException.class)
                .hasMessage("Relations.define(schema, ...) was given a null schema; pass the generated schema (e.g. "
                        + "DefaultSchema.DEFAULT_SCHEMA) or use Relations.define(r -> ...).");
    }
}

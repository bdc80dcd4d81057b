package io.jooqrelations.query;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.test.ReadyDatabase;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * The databases most test classes of this package read: a migrated database with its rows and the {@link NestedReads}
 * over it, in one field.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ReadyDatabase<NestedReads> DB = ExampleDatabase.withExampleData();
 * ...
 * DB.get().from(INVOICES).with("lineItems").findMany();
 * }</pre>
 *
 * A class with tables and a graph of its own builds its fixture the same way by hand:
 * {@code new MigratedDatabase().withData(...).ready(dsl -> NestedReads.using(dsl, GRAPH))}.
 */
final class ExampleDatabase {

    private ExampleDatabase() {
    }

    /** The example schema with {@link ExampleData}'s rows, read through {@link AppRelations#RELATIONS}. */
    static ReadyDatabase<NestedReads> withExampleData() {
        return withExampleData(dsl -> { });
    }

    /** The example schema with {@link ExampleData}'s rows and then {@code moreRows}', read through {@link AppRelations#RELATIONS}. */
    static ReadyDatabase<NestedReads> withExampleData(Consumer<DSLContext> moreRows) {
        return new MigratedDatabase().withData(ExampleData::load).withData(moreRows)
                .ready(dsl -> NestedReads.using(dsl, AppRelations.RELATIONS));
    }

    /** The real-world schema ({@link RealWorldGraph#LOCATION}) with {@code rows}, read through {@link RealWorldGraph#RELATIONS}. */
    static ReadyDatabase<NestedReads> realWorldWith(Consumer<DSLContext> rows) {
        return new MigratedDatabase(RealWorldGraph.LOCATION).withData(rows)
                .ready(dsl -> NestedReads.using(dsl, RealWorldGraph.RELATIONS));
    }
}

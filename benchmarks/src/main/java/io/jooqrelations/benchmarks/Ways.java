package io.jooqrelations.benchmarks;

import io.jooqrelations.query.ReadStrategy;
import java.sql.Connection;
import org.jooq.DSLContext;

/**
 * The five ways of writing the same reads, over one connection, plus the library's second strategy.
 *
 * @param library  (a) this library: one MULTISET statement compiled from the relations graph
 * @param multiset (b) hand-written jOOQ MULTISET with hand mapping
 * @param jsonAgg  (c) hand-written json_agg SQL over plain JDBC
 * @param nPlusOne (d) naive N+1 with jOOQ
 * @param perLevel (e) one batched query per relation level, stitched in memory
 * @param libraryPerLevel (f) this library with {@code ReadStrategy.QUERY_PER_LEVEL}: its own version of (e)
 */
public record Ways(Way library, Way multiset, Way jsonAgg, Way nPlusOne, Way perLevel, Way libraryPerLevel) {

    /** The five ways over {@code dsl} (jOOQ ways) and {@code connection} (the JDBC way), JDBC counted in {@code tally}. */
    public static Ways over(DSLContext dsl, Connection connection, StatementTally tally) {
        return new Ways(new LibraryWay(dsl), new MultisetWay(dsl), new JsonAggWay(connection, tally), new NPlusOneWay(dsl),
                new PerLevelWay(dsl), new LibraryWay(dsl, ReadStrategy.QUERY_PER_LEVEL));
    }
}

/**
 * Nested reads over a relations graph. Exports only its API package; the planner and back ends in
 * {@code io.jooqrelations.query.internal} are not exported.
 */
module io.jooqrelations.query {
    requires transitive io.jooqrelations.relations;
    requires transitive org.jooq;
    requires org.slf4j;

    exports io.jooqrelations.query;
}

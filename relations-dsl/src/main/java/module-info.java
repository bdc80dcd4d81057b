/**
 * The relations graph: declaration, inference, validation, foreign-key coverage and diagram. Exports its API package;
 * the {@code internal} package is shared with the query runtime only.
 */
module io.jooqrelations.relations {
    requires transitive org.jooq;

    exports io.jooqrelations.relations;
    exports io.jooqrelations.relations.internal to io.jooqrelations.query;
}

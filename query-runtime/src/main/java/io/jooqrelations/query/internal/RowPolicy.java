package io.jooqrelations.query.internal;

/**
 * How many rows a level may hold per parent row, decided once by the planner and honoured by every back end.
 */
public enum RowPolicy {
    /** A to-many: every row that matches. */
    ALL,
    /**
     * A to-one that links straight to a primary or unique key of its target, with no junction and no offset: at most
     * one row can match, so no back end adds a limit.
     */
    AT_MOST_ONE_BY_KEY,
    /** Any other to-one: the first row that matches (in the level's order), enforced by each back end. */
    FIRST_ONLY
}

package io.jooqrelations.query;

/**
 * How column names become keys in JSON results; relation and extra names are used as declared.
 *
 * <pre>{@code
 * NestedReads.using(dsl, RELATIONS).withJsonKeys(JsonKeys.COLUMN_NAMES).from(INVOICES).findManyJson();
 * }</pre>
 */
public enum JsonKeys {
    /** {@code organization_id} becomes {@code "organizationId"} (the default, like Drizzle's JS objects). */
    CAMEL_CASE,
    /** Keys are the column names as in the database, {@code "organization_id"}. */
    COLUMN_NAMES
}

package io.jooqrelations.query;

/**
 * The SQL of every form of one read, as {@link Read#statements()} or {@link Read#inlinedStatements()} renders it: the
 * typed forms and the JSON forms run different statements, and {@code findFirst} adds its own limit.
 *
 * <pre>{@code
 * ReadStatements sql = reads.from(INVOICES).with("lineItems").statements();
 * log.debug("findManyJson runs {}", sql.findManyJson());
 * }</pre>
 *
 * <p>A form that runs no single statement, or that the read refuses (the form itself throws the reason, e.g. a tree in
 * a JSON read, or what the dialect cannot run), is {@code null}.
 *
 * @param findMany      what {@code findMany()} (and {@code findMany(Class)}) runs; {@code null} under
 *                      {@link ReadStrategy#QUERY_PER_LEVEL}, whose statements depend on the rows each level reads
 * @param findFirst     what {@code findFirst()} (and {@code findFirst(Class)}) runs; {@code null} under
 *                      {@link ReadStrategy#QUERY_PER_LEVEL}
 * @param findManyJson  what {@code findManyJson()} runs
 * @param findFirstJson what {@code findFirstJson()} runs
 */
public record ReadStatements(String findMany, String findFirst, String findManyJson, String findFirstJson) {

    @Override
    public String toString() {
        return "-- findMany\n" + findMany + ";\n-- findFirst\n" + findFirst + ";\n-- findManyJson\n" + findManyJson
                + ";\n-- findFirstJson\n" + findFirstJson + ";";
    }
}

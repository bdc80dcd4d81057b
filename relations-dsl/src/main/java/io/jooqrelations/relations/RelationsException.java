package io.jooqrelations.relations;

/**
 * The root of every exception this project throws on bad input; the message names the table, relation or column
 * involved and says how to fix it.
 *
 * <pre>{@code
 * try {
 *     reads.from(INVOICES).with(include).findMany();
 * } catch (RelationsException e) {
 *     return badRequest(e.getMessage());
 * }
 * }</pre>
 */
public class RelationsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RelationsException(String message) {
        super(message);
    }

    public RelationsException(String message, Throwable cause) {
        super(message, cause);
    }
}

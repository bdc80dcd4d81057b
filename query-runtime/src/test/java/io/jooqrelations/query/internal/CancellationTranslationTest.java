package io.jooqrelations.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.ReadCancelledException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only a statement that was cancelled, on an interrupted thread, becomes a {@link ReadCancelledException}; the
 * executor's translation (the only one of a read) gives each failure its type.
 */
class CancellationTranslationTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static DataAccessException failure(String sqlState) {
        return new DataAccessException("SQL [...]", new SQLException("ERROR", sqlState));
    }

    @Test
    void aCancelledStatementOfAnInterruptedThreadIsACancelledRead() {
        Thread.currentThread().interrupt();
        assertThat(Cancellation.translate(failure("57014"))).isInstanceOf(ReadCancelledException.class);
        assertThat(ReadExecutor.translate(failure("57014"), "invoices")).isInstanceOf(ReadCancelledException.class);
    }

    @Test
    void anInterruptedThreadWhoseStatementFailedForAnotherReasonKeepsThatReason() {
        Thread.currentThread().interrupt();
        DataAccessException divisionByZero = failure("22012");
        assertThat(Cancellation.translate(divisionByZero)).isSameAs(divisionByZero);
    }

    @Test
    void aStatementStoppedInTheDatabaseWithoutAnInterruptIsATimeoutKeepingItsStateAndCause() {
        DataAccessException stopped = failure("57014");
        assertThat(Cancellation.translate(stopped)).isInstanceOf(io.jooqrelations.query.ReadTimeoutException.class)
                .hasCause(stopped).hasMessageNotContaining("SQL [")
                .satisfies(e -> assertThat(((io.jooqrelations.query.ReadTimeoutException) e).sqlState()).isEqualTo("57014"));
        assertThat(ReadExecutor.translate(failure("70100"), "invoices")).isInstanceOf(io.jooqrelations.query.ReadTimeoutException.class);
        DataAccessException divisionByZero = failure("22012");
        assertThat(Cancellation.translate(divisionByZero)).isSameAs(divisionByZero);
    }

    @Test
    void aRequiredRelationMissingInAJsonStatementIsADataErrorKeepingItsStateAndCause() {
        DataAccessException missing = new DataAccessException("SQL [...]", new SQLException("ERROR: invalid input syntax "
                + "for type integer: \"jooq-relations: Relation invoices.assignee is declared optional(false)\"", "22P02"));
        assertThat(ReadExecutor.translate(missing, "invoices")).isInstanceOf(io.jooqrelations.query.ReadDataException.class)
                .hasCause(missing).hasMessage("Relation invoices.assignee is declared optional(false)")
                .satisfies(e -> assertThat(((io.jooqrelations.query.ReadDataException) e).sqlState()).isEqualTo("22P02"));
    }

    @Test
    void aValueNoConverterCouldReadIsADataErrorNamingTheField() {
        // a conversion outside the reading of a field (a value the caller bound) is not the data's fault
        org.jooq.exception.DataTypeException binding = new org.jooq.exception.DataTypeException("Cannot convert x");
        assertThat(ReadExecutor.translate(binding, "invoices.lineItems")).isSameAs(binding);
        // jOOQ reading a field whose converter threw: the field and the converter's message, not the SQL
        DataAccessException converterThrew = new DataAccessException("SQL [select secret]; Error while reading field: "
                + "\"refused\", at JDBC index: 7", new IllegalArgumentException("no description reads as X"));
        assertThat(ReadExecutor.translate(converterThrew, "invoices"))
                .isInstanceOf(io.jooqrelations.query.ReadDataException.class).hasCause(converterThrew)
                .hasMessage("A value read at invoices could not be converted to its Java type (field \"refused\"): "
                        + "IllegalArgumentException: no description reads as X. Check the converter or forced type of "
                        + "the column it belongs to.");
        // the same words from the database are the database's failure
        DataAccessException lost = new DataAccessException("Error while reading field: \"x\", at JDBC index: 1",
                new SQLException("connection lost", "08006"));
        assertThat(ReadExecutor.translate(lost, "invoices")).isSameAs(lost);
    }

    @Test
    void theLibrarysOwnExceptionsAndOtherFailuresPassUnchanged() {
        io.jooqrelations.query.InvalidReadException invalid = new io.jooqrelations.query.InvalidReadException("bad");
        assertThat(ReadExecutor.translate(invalid, "invoices")).isSameAs(invalid);
        DataAccessException constraint = failure("23505");
        assertThat(ReadExecutor.translate(constraint, "invoices")).isSameAs(constraint);
    }
}

package io.jooqrelations.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.ReadCancelledException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only a statement that was cancelled, on an interrupted thread, becomes a {@link ReadCancelledException}. */
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
        assertThat(JsonBackend.translate(failure("57014"))).isInstanceOf(ReadCancelledException.class);
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
        assertThat(JsonBackend.translate(failure("70100"))).isInstanceOf(io.jooqrelations.query.ReadTimeoutException.class);
        DataAccessException divisionByZero = failure("22012");
        assertThat(Cancellation.translate(divisionByZero)).isSameAs(divisionByZero);
    }
}

package io.jooqrelations.spring;

import io.jooqrelations.query.JsonKeys;
import io.jooqrelations.query.ReadStrategy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code jooq.relations.*} properties of the auto-configured {@link io.jooqrelations.query.NestedReads} bean.
 *
 * <pre>{@code
 * # application.properties
 * jooq.relations.json-keys=column-names
 * jooq.relations.strategy=query-per-level
 * jooq.relations.statement-timeout=5s
 * }</pre>
 *
 * @param jsonKeys         how column keys are written in JSON reads (default camel-case)
 * @param strategy         the strategy every read starts with (default single-statement)
 * @param statementTimeout the statement timeout every read starts with, whole seconds rounded up (default none)
 */
@ConfigurationProperties("jooq.relations")
public record RelationsProperties(JsonKeys jsonKeys, ReadStrategy strategy, Duration statementTimeout) {

    /** Fills in the defaults and refuses a timeout that is not positive, naming the property. */
    public RelationsProperties {
        jsonKeys = jsonKeys == null ? JsonKeys.CAMEL_CASE : jsonKeys;
        strategy = strategy == null ? ReadStrategy.SINGLE_STATEMENT : strategy;
        if (statementTimeout != null && (statementTimeout.isZero() || statementTimeout.isNegative())) {
            throw new IllegalArgumentException("jooq.relations.statement-timeout must be positive (whole seconds, "
                    + "rounded up), got " + statementTimeout + "; leave it out for no timeout.");
        }
    }
}

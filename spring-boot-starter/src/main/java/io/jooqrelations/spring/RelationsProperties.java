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
 * @param statementTimeout the statement timeout every read starts with (default none)
 */
@ConfigurationProperties("jooq.relations")
public record RelationsProperties(JsonKeys jsonKeys, ReadStrategy strategy, Duration statementTimeout) {

    public RelationsProperties {
        jsonKeys = jsonKeys == null ? JsonKeys.CAMEL_CASE : jsonKeys;
        strategy = strategy == null ? ReadStrategy.SINGLE_STATEMENT : strategy;
    }
}

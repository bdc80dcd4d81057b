package io.jooqrelations.spring;

import io.jooqrelations.query.JitGuard;
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
 * jooq.relations.jit-guard=always
 * }</pre>
 *
 * @param jsonKeys         how column keys are written in JSON reads (default camel-case)
 * @param strategy         the strategy every read starts with (default single-statement)
 * @param statementTimeout the statement timeout every read starts with, whole seconds rounded up (default none)
 * @param jitGuard         when PostgreSQL reads run with the server's JIT off for the read (default auto: while tables
 *                         of the graph were never analyzed on a server with JIT on; see {@link JitGuard})
 */
@ConfigurationProperties("jooq.relations")
public record RelationsProperties(JsonKeys jsonKeys, ReadStrategy strategy, Duration statementTimeout,
        JitGuard jitGuard) {

    /** Fills in the defaults and refuses a timeout that is not positive, naming the property. */
    public RelationsProperties {
        jsonKeys = jsonKeys == null ? JsonKeys.CAMEL_CASE : jsonKeys;
        strategy = strategy == null ? ReadStrategy.SINGLE_STATEMENT : strategy;
        jitGuard = jitGuard == null ? JitGuard.AUTO : jitGuard;
        if (statementTimeout != null && (statementTimeout.isZero() || statementTimeout.isNegative())) {
            throw new IllegalArgumentException("jooq.relations.statement-timeout must be positive (whole seconds, "
                    + "rounded up), got " + statementTimeout + "; leave it out for no timeout.");
        }
    }
}

package io.jooqrelations.spring;

import io.jooqrelations.query.NestedReads;
import io.jooqrelations.relations.Relations;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link NestedReads} bean when the application has one {@link DSLContext} (Spring Boot's jOOQ auto-configuration
 * gives it) and one {@link Relations} bean (the application's graph), or one of several marked {@code @Primary}; with
 * several graphs, define the {@code NestedReads} beans yourself. Reads run on that {@code DSLContext}, so inside
 * {@code @Transactional} they use the transaction's connection. Backs off when the application defines its own
 * {@code NestedReads}.
 *
 * <pre>{@code
 * @Configuration
 * class RelationsConfig {
 *     @Bean
 *     Relations relations() {
 *         return AppRelations.RELATIONS;
 *     }
 * }
 *
 * @RestController
 * class InvoiceController {
 *     private final NestedReads reads;   // injected
 *     ...
 * }
 * }</pre>
 */
@AutoConfiguration(afterName = "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration")
@ConditionalOnClass({DSLContext.class, NestedReads.class})
@ConditionalOnSingleCandidate(DSLContext.class)
@EnableConfigurationProperties(RelationsProperties.class)
public class NestedReadsAutoConfiguration {

    /** The application's nested reads, configured by {@link RelationsProperties}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Relations.class)
    public NestedReads nestedReads(DSLContext dsl, Relations relations, RelationsProperties properties) {
        NestedReads reads = NestedReads.using(dsl, relations)
                .withJsonKeys(properties.jsonKeys())
                .withStrategy(properties.strategy())
                .withJitGuard(properties.jitGuard());
        return properties.statementTimeout() == null ? reads : reads.withTimeout(properties.statementTimeout());
    }
}

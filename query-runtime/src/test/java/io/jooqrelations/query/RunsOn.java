package io.jooqrelations.query;

import io.jooqrelations.db.DialectChoice;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The dialects a test class or method runs on, and why not on the others: the suite runs once per dialect
 * ({@code -Drelations.dialect}), and what a dialect refuses is proved by {@link DialectSupportTest} instead. A test
 * left out reports as skipped with the reason, never silently.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RunsOn.Condition.class)
@interface RunsOn {

    DialectChoice[] value();

    /** Why the other dialects do not run it: the feature they refuse, or what of PostgreSQL the test itself uses. */
    String because();

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            DialectChoice current = DialectChoice.fromEnvironment();
            return context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RunsOn.class))
                    .filter(runsOn -> !List.of(runsOn.value()).contains(current))
                    .map(runsOn -> ConditionEvaluationResult.disabled("not on " + current.label() + ": "
                            + runsOn.because()))
                    .orElse(ConditionEvaluationResult.enabled("runs on " + current.label()));
        }
    }
}

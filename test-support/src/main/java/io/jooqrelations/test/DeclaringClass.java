package io.jooqrelations.test;

import java.util.List;
import java.util.Set;

/**
 * Finds, while a fixture is being created, the test class whose field it will be, so that a fixture used before JUnit
 * started it can say which class forgot to register it.
 */
final class DeclaringClass {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<Class<?>> FIXTURE_CLASSES = Set.of(DeclaringClass.class, MigratedDatabase.class,
            ReadyDatabase.class);

    private DeclaringClass() {
    }

    /**
     * The simple name of the class whose static initializer creates the fixture, or else (a fixture made in a method)
     * of the nearest caller outside this package's fixtures.
     */
    static String ofNewFixture() {
        return STACK.walk(frames -> {
            List<StackWalker.StackFrame> callers = frames.filter(f -> !FIXTURE_CLASSES.contains(f.getDeclaringClass()))
                    .toList();
            // the nearest static initializer, not the nearest caller: a test often makes its fixture through a helper
            return callers.stream().filter(f -> f.getMethodName().equals("<clinit>")).findFirst()
                    .or(() -> callers.stream().findFirst())
                    .map(f -> f.getDeclaringClass().getSimpleName())
                    .orElse("an unknown class");
        });
    }
}

package io.jooqrelations.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One field for a database, its rows and an object made from its context: the data loaders run once, in order, after
 * the migration; the factory runs after them on the same counted context; a fixture used before JUnit started it says
 * which class forgot to register it.
 */
class ReadyDatabaseTest {

    /** What ran while the fixture started, in order (declared before {@link #DB}, which fills it). */
    static final List<String> STARTUP = new ArrayList<>();

    /** What the factory made: the context it was given and the notes it saw there. */
    record Made(DSLContext dsl, List<String> notes) {
    }

    @RegisterExtension
    static final ReadyDatabase<Made> DB = new MigratedDatabase("classpath:own-migrations")
            .withData(dsl -> {
                STARTUP.add("first loader");
                insertNote(dsl, "one");
            })
            .withData(dsl -> {
                STARTUP.add("second loader");
                insertNote(dsl, "two");
            })
            .ready(dsl -> {
                STARTUP.add("factory");
                return new Made(dsl, notes(dsl));
            });

    private static void insertNote(DSLContext dsl, String body) {
        dsl.insertInto(DSL.table("notes"), DSL.field("body")).values(body).execute();
    }

    private static List<String> notes(DSLContext dsl) {
        return dsl.select(DSL.field("body", String.class)).from(DSL.table("notes")).orderBy(DSL.field("id"))
                .fetch(DSL.field("body", String.class));
    }

    /** A fixture made by a helper for a class that never registers it. */
    static final class ClassThatForgetsToRegister {
        static final ReadyDatabase<String> FORGOTTEN = unregisteredFixture();
    }

    private static ReadyDatabase<String> unregisteredFixture() {
        return new MigratedDatabase("classpath:own-migrations").ready(dsl -> "never made");
    }

    /** Twice: the second run proves the loaders did not run again for another test. */
    @RepeatedTest(2)
    void dataLoadersRunOnceInTheOrderTheyWereAddedAndTheFactoryAfterThem() {
        assertThat(STARTUP).containsExactly("first loader", "second loader", "factory");
        assertThat(notes(DB.dsl())).containsExactly("one", "two");
    }

    @Test
    void theFactoryGetsTheMigratedCountedContextWithTheDataInAndItsObjectIsTheSameForEveryTest() {
        assertThat(DB.get().dsl()).isSameAs(DB.dsl()).isSameAs(DB.database().dsl());
        assertThat(DB.get().notes()).containsExactly("one", "two");
        assertThat(DB.get()).isSameAs(DB.get());

        DB.counter().reset();
        DB.get().dsl().selectOne().fetch();
        assertThat(DB.counter().count()).isEqualTo(1);
        assertThat(DB.databaseName()).isEqualTo(DB.database().databaseName()).isNotNull();
        assertThat(DB.dialect()).isEqualTo(DB.database().dialect());
    }

    @Test
    void aFixtureUsedBeforeItStartedNamesTheClassWhoseFieldItIsAndSaysHowToRegisterIt() {
        ReadyDatabase<String> forgotten = ClassThatForgetsToRegister.FORGOTTEN;
        String message = "ReadyDatabase of ClassThatForgetsToRegister is not started: "
                + "register it with @RegisterExtension on a static field";

        assertThatThrownBy(forgotten::get).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(forgotten::dsl).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(forgotten::dataSource).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> forgotten.database().dsl()).isInstanceOf(IllegalStateException.class)
                .hasMessage("MigratedDatabase of ClassThatForgetsToRegister is not started: "
                        + "register it with @RegisterExtension on a static field");
    }

    @Test
    void aFixtureMadeInATestMethodNamesTheClassOfThatMethod() {
        MigratedDatabase unregistered = new MigratedDatabase("classpath:own-migrations");

        assertThatThrownBy(() -> unregistered.ready(dsl -> dsl).get()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ReadyDatabase of ReadyDatabaseTest is not started");
    }

    @Test
    void dataAddedAfterTheDatabaseStartedIsRefusedRatherThanNeverLoaded() {
        assertThatThrownBy(() -> DB.database().withData(dsl -> insertNote(dsl, "late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("withData(...) on the started MigratedDatabase of ReadyDatabaseTest: add the data where "
                        + "the field is declared, before JUnit starts it");
    }
}

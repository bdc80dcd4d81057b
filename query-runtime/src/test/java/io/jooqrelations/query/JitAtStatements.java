package io.jooqrelations.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Records PostgreSQL's {@code jit} setting in effect on a statement's connection as each statement of a context starts:
 * what the planner decides JIT by.
 *
 * <pre>{@code
 * JitAtStatements jit = new JitAtStatements();
 * NestedReads.using(jit.listening(dsl), RELATIONS).from(INVOICES).findMany();
 * assertThat(jit.values()).containsOnly("off");
 * }</pre>
 */
final class JitAtStatements implements ExecuteListener {

    private final List<String> values = new CopyOnWriteArrayList<>();

    /** {@code dsl} with this listening too (after its own listeners). */
    DSLContext listening(DSLContext dsl) {
        Configuration configuration = dsl.configuration();
        ExecuteListenerProvider[] own = configuration.executeListenerProviders();
        ExecuteListenerProvider[] listeners = java.util.Arrays.copyOf(own, own.length + 1);
        listeners[own.length] = new DefaultExecuteListenerProvider(this);
        return DSL.using(configuration.derive(listeners));
    }

    /** The setting at each statement since the last {@link #clear()}. */
    List<String> values() {
        return values;
    }

    void clear() {
        values.clear();
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        try (Statement statement = ctx.connection().createStatement();
                ResultSet result = statement.executeQuery("select current_setting('jit')")) {
            result.next();
            values.add(result.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

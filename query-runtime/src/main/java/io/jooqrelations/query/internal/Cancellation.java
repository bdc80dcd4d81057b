package io.jooqrelations.query.internal;

import io.jooqrelations.query.ReadCancelledException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the running statement of a read whose thread is interrupted. A thread blocked in a JDBC read does not notice
 * its interrupt flag, so each statement a read runs is registered with its thread while it runs, and one daemon thread
 * looks every {@value #POLL_MILLIS} ms for registered threads that were interrupted and calls {@link Statement#cancel()}
 * on their statement. The failure the driver then raises becomes a {@link ReadCancelledException}, and the interrupt
 * flag is set again. Registered as an {@link ExecuteListener} on the context of every {@code NestedReads}.
 */
public final class Cancellation implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    /** How often the watcher looks at the running statements. */
    static final long POLL_MILLIS = 50;

    /** The one listener; it holds no state of its own. */
    public static final Cancellation LISTENER = new Cancellation();

    /** The statement each reading thread is running now. */
    private static final Map<Thread, Statement> RUNNING = new ConcurrentHashMap<>();

    private static volatile Thread watcher;

    private Cancellation() {
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.statement() != null) {
            RUNNING.put(Thread.currentThread(), ctx.statement());
            startWatcher();
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        RUNNING.remove(Thread.currentThread());
    }

    @Override
    public void fetchEnd(ExecuteContext ctx) {
        RUNNING.remove(Thread.currentThread());
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RUNNING.remove(Thread.currentThread());
        if (Thread.currentThread().isInterrupted() && ctx.exception() != null) {
            ctx.exception(new ReadCancelledException("The read was cancelled: its thread was interrupted while the "
                    + "statement ran, so the statement was cancelled in the database and its connection released.",
                    ctx.exception()));
        }
    }

    private static void startWatcher() {
        if (watcher == null) {
            synchronized (Cancellation.class) {
                if (watcher == null) {
                    Thread thread = new Thread(Cancellation::watch, "jooq-relations-cancellation");
                    thread.setDaemon(true);
                    thread.start();
                    watcher = thread;
                }
            }
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            RUNNING.forEach((thread, statement) -> {
                if (thread.isInterrupted() && RUNNING.remove(thread, statement)) {
                    try {
                        statement.cancel();
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("Could not cancel the statement of interrupted thread {}", thread.getName(), e);
                    }
                }
            });
        }
    }
}

package io.jooqrelations.demo;

import io.jooqrelations.db.DatabaseChoice;
import io.jooqrelations.db.DialectChoice;
import io.jooqrelations.db.FlywayMigrations;
import io.jooqrelations.db.ScratchDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The demo: starts PostgreSQL (embedded unless {@code -Drelations.db} says otherwise) — or, with {@code --db=mariadb},
 * {@code --db=mysql} or {@code --db=sqlite}, an embedded MariaDB, a MySQL container (needs Docker) or a SQLite file —
 * migrates it with that dialect's Flyway scripts, seeds it, and runs the scenarios (what a dialect refuses is shown with the library's message).
 *
 * <pre>{@code
 * ./mvnw -B -q -pl demo -am compile exec:java                                  # all scenarios
 * ./mvnw -B -q -pl demo -am compile exec:java -Dexec.args="invoice 7"          # one scenario, one id
 * ./mvnw -B -q -pl demo -am compile exec:java -Dexec.args="--db=sqlite"          # on SQLite (or --db=mariadb)
 * ./mvnw -B -q -pl demo -am compile exec:java -Dexec.args="--help"
 * }</pre>
 */
public final class DemoMain {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int UNKNOWN_ID = 3;

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    static int run(String[] arguments, PrintStream out, PrintStream err) throws Exception {
        DialectChoice dialect = DialectChoice.POSTGRES;
        List<String> rest = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("--db=")) {
                try {
                    dialect = DialectChoice.named(argument.substring("--db=".length()));
                } catch (IllegalArgumentException e) {
                    err.println("Unknown database '" + argument.substring("--db=".length())
                            + "': use --db=postgres, --db=mariadb, --db=mysql or --db=sqlite.");
                    return USAGE;
                }
            } else {
                rest.add(argument);
            }
        }
        String[] args = rest.toArray(String[]::new);
        String name = args.length == 0 ? "all" : args[0];
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            out.print(help());
            return OK;
        }
        boolean known = name.equals("all") || name.equals("coverage") || name.equals("diagram")
                || Scenarios.named(name).isPresent();
        if (!known || args.length > 2) {
            err.println(known ? "Too many arguments." : "Unknown scenario '" + name + "'.");
            err.print(help());
            return USAGE;
        }
        Long id = null;
        if (args.length == 2) {
            try {
                id = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                err.println("The id must be a number, got '" + args[1] + "'.");
                return USAGE;
            }
        }
        out.println("Starting " + (dialect == DialectChoice.POSTGRES ? DatabaseChoice.fromEnvironment().toString()
                : dialect == DialectChoice.MYSQL ? "MySQL (Testcontainers " + io.jooqrelations.db.MysqlServer.IMAGE + ")"
                : "an embedded " + dialect.label()) + " ...");
        String databaseName = "demo_" + Long.toHexString(System.nanoTime());
        try (ScratchDatabase database = ScratchDatabase.start(dialect, databaseName, FlywayMigrations.DEFAULT_LOCATION);
                Connection connection = database.dataSource().getConnection()) {
            SqlCapture capture = new SqlCapture();
            DSLContext dsl = DSL.using(new DefaultConfiguration().set(connection).set(dialect.sqlDialect())
                    .set(dialect.settings()).set(new DefaultExecuteListenerProvider(capture)));
            DemoSeed.load(dsl, out);
            DemoRunner runner = new DemoRunner(dsl, capture, out);
            try {
                runSelected(runner, name, id);
            } catch (DemoRunner.UnknownIdException e) {
                err.println(e.getMessage());
                return UNKNOWN_ID;
            }
        }
        return OK;
    }

    private static void runSelected(DemoRunner runner, String name, Long id) {
        if (name.equals("coverage")) {
            runner.printCoverage();
        } else if (name.equals("diagram")) {
            runner.writeDiagram(Path.of("target", "relations.mmd"));
        } else if (name.equals("all")) {
            Scenarios.ALL.forEach(s -> runner.run(s, null));
            runner.printCoverage();
            runner.writeDiagram(Path.of("target", "relations.mmd"));
        } else {
            runner.run(Scenarios.named(name).orElseThrow(), id);
        }
    }

    static String help() {
        StringBuilder sb = new StringBuilder("Usage: demo [--db=postgres|mariadb|mysql|sqlite] [scenario] [id]\n\nScenarios:\n");
        sb.append(String.format("  %-11s %s%n", "all", "every scenario below, then coverage and diagram (the default)"));
        for (Scenarios.Scenario s : Scenarios.ALL) {
            sb.append(String.format("  %-11s %s%s%n", s.name(), s.title(),
                    s.idKind() == Scenarios.IdKind.NONE ? "" : " [" + s.idKind().name().toLowerCase() + " id, default "
                            + s.defaultId() + "]"));
        }
        sb.append(String.format("  %-11s %s%n", "coverage", "foreign keys of the schema vs. the relations file"));
        sb.append(String.format("  %-11s %s%n", "diagram", "write the relations graph as Mermaid to target/relations.mmd"));
        sb.append("\nExample: ./mvnw -B -q -pl demo -am compile exec:java -Dexec.args=\"invoice 7\"\n");
        return sb.toString();
    }


}

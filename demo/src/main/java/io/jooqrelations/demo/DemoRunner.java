package io.jooqrelations.demo;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.query.InvalidReadException;
import io.jooqrelations.query.NestedReads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Runs the demo's scenarios on a seeded database and prints, for each, the read as code, the one SQL statement it
 * produced and its result as pretty JSON.
 */
final class DemoRunner {

    /** Thrown for an id that does not exist: the demo exits non-zero with its message. */
    static final class UnknownIdException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownIdException(String message) {
            super(message);
        }
    }

    private final DSLContext dsl;
    private final SqlCapture capture;
    private final PrintStream out;

    DemoRunner(DSLContext dsl, SqlCapture capture, PrintStream out) {
        this.dsl = dsl;
        this.capture = capture;
        this.out = out;
    }

    /** Runs one scenario; {@code id} null means its default. Returns the statements it ran. */
    List<String> run(Scenarios.Scenario scenario, Long id) {
        long effectiveId = id != null ? id : scenario.defaultId();
        out.println();
        out.println("=== " + scenario.name() + ": " + scenario.title()
                + (scenario.idKind() == Scenarios.IdKind.NONE ? "" : " (" + scenario.idKind().name().toLowerCase() + " "
                        + effectiveId + ")"));
        out.println("--- the read");
        String source = SourceSnippets.demoSource("Scenarios.java");
        out.print(SourceSnippets.region(source, scenario.snippetTag()));
        if (source.contains("// tag::" + scenario.snippetTag() + "-read[]")) {
            out.print(SourceSnippets.region(source, scenario.snippetTag() + "-read"));
        }
        NestedReads reads = Scenarios.reads(dsl);
        capture.drain();
        Optional<String> result;
        try {
            result = scenario.runner().run(reads, effectiveId);
        } catch (InvalidReadException e) {
            // what this dialect cannot write in one statement: refused before any SQL, with what to do instead
            out.println("--- refused on " + dsl.dialect().getNameLC() + " (no SQL was sent)");
            out.println(e.getMessage());
            return capture.drain();
        }
        List<String> statements = capture.drain();
        if (result.isEmpty()) {
            throw new UnknownIdException("No " + scenario.idKind().name().toLowerCase() + " with id " + effectiveId
                    + " in the demo data; try 1.." + maxId(scenario.idKind()) + ".");
        }
        out.println("--- SQL (" + statements.size() + (statements.size() == 1 ? " statement" : " statements") + ")");
        statements.forEach(out::println);
        out.println("--- result");
        String text = result.get();
        out.println(text.startsWith("{") || text.startsWith("[") ? PrettyJson.format(text) : text);
        return statements;
    }

    void printCoverage() {
        out.println();
        out.println("=== coverage: foreign keys of the schema vs. AppRelations");
        out.print(AppRelations.RELATIONS.coverage());
    }

    Path writeDiagram(Path file) {
        out.println();
        out.println("=== diagram: the relations graph as Mermaid");
        String mermaid = AppRelations.RELATIONS.toMermaid();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, mermaid, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.print(mermaid);
        out.println("(written to " + file.toAbsolutePath() + ")");
        return file;
    }

    private long maxId(Scenarios.IdKind kind) {
        return kind == Scenarios.IdKind.INVOICE
                ? dsl.fetchCount(io.jooqrelations.schema.Tables.INVOICES)
                : dsl.fetchCount(io.jooqrelations.schema.Tables.ORGANIZATIONS);
    }
}

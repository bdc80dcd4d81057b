package io.jooqrelations.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The read surface stays a surface: {@code Read} and {@code PreparedRead} name a planner and hand its plan to the
 * executor; no back end, no cache and no exception translation of their own. And the executor's translation is the only
 * one: no other class turns a failed statement into the library's exceptions. Read from the sources, as the rule is
 * about where code lives (a compiled class would not show an import it inlined).
 */
class ReadSurfaceTest {

    private static final Path MAIN = Path.of("src/main/java/io/jooqrelations/query");

    /** What only the planner, the back ends and the executor may name. */
    private static final List<String> BEHIND_THE_SURFACE = List.of("MultisetBackend", "JsonBackend", "PerLevelBackend",
            "RenderCache", "Cancellation", "RenderedStatement.execute", "catch (");

    @Test
    void readAndPreparedReadNameNoBackEndCacheOrTranslation() throws IOException {
        for (String surface : List.of("Read.java", "PreparedRead.java")) {
            String source = Files.readString(MAIN.resolve(surface));
            for (String hidden : BEHIND_THE_SURFACE) {
                assertThat(source).as(surface).doesNotContain(hidden);
            }
        }
    }

    @Test
    void onlyTheExecutorTranslatesAFailedRead() throws IOException {
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                if (source.endsWith("ReadExecutor.java")) {
                    assertThat(text).contains("Cancellation.translate(e)").contains("JsonBackend.missingRequired(e)");
                    continue;
                }
                assertThat(text).as(source.toString()).doesNotContain("Cancellation.translate(")
                        .doesNotContain("missingRequired(e)").doesNotContain("ReadExecutor.translate(");
            }
        }
    }
}

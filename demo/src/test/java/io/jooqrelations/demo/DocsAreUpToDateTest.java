package io.jooqrelations.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.example.AppRelations;
import io.jooqrelations.test.MigratedDatabase;
import io.jooqrelations.query.Read;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The docs are generated: demo/src/docs/*.md are templates whose {{code:tag}}, {{sql:read}}, {{json:read}},
 * {{mermaid}}, {{aggregate}}, {{help}} and {{dialects}} (the support matrix) placeholders are filled from compiled code and real runs on the demo data.
 * This test fails when a committed file in docs/ differs from what the templates render; regenerate with
 * {@code ./mvnw -B -pl demo -am verify -Dtest=DocsAreUpToDateTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true}.
 */
class DocsAreUpToDateTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(code|xml|sql|json|mermaid|aggregate|help|dialects)(?::([a-z0-9-]+))?}}");

    static DSLContext dsl;

    @BeforeAll
    static void seed() {
        DemoSeed.load(DB.dsl(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        dsl = DSL.using(DB.dsl().configuration().derive(new Settings().withRenderFormatted(true)));
    }

    @Test
    void everyDocInDocsIsWhatItsTemplateRendersFromCompiledCodeAndRealRuns() throws IOException {
        boolean update = Boolean.getBoolean("docs.update");
        List<String> stale = new ArrayList<>();
        try (Stream<Path> templates = Files.list(ROOT.resolve("demo/src/docs"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String rendered = render(Files.readString(template));
                Path target = ROOT.resolve("docs").resolve(template.getFileName().toString());
                String committed = Files.exists(target) ? Files.readString(target) : "";
                if (!committed.equals(rendered)) {
                    if (update) {
                        Files.createDirectories(target.getParent());
                        Files.writeString(target, rendered);
                    } else {
                        stale.add(ROOT.relativize(target).toString());
                    }
                }
            }
        }
        assertThat(stale).as("docs out of date; regenerate with -Ddocs.update=true (see this test's Javadoc)").isEmpty();
    }

    @Test
    void templatesHoldNoHandWrittenJavaOrXmlSoEverySnippetIsCompiledOrBuiltCode() throws IOException {
        try (Stream<Path> templates = Files.list(ROOT.resolve("demo/src/docs"))) {
            for (Path template : templates.toList()) {
                assertThat(Files.readString(template)).as(template.toString()).doesNotContain("```java")
                        .doesNotContain("```xml");
            }
        }
    }

    private static String render(String template) throws IOException {
        Map<String, Function<DSLContext, Read<?>>> reads = GuideExamples.reads();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            String replacement = switch (kind) {
                case "code" -> "```java\n" + codeRegion(name) + "```";
                case "xml" -> "```xml\n" + codeRegion(name) + "```";
                case "sql" -> "```sql\n" + require(reads, name).apply(dsl).toInlinedSQL() + "\n```";
                case "json" -> "```json\n" + PrettyJson.format(require(reads, name).apply(dsl).findManyJson()) + "\n```";
                case "mermaid" -> "```mermaid\n" + AppRelations.RELATIONS.toMermaid() + "```";
                case "aggregate" -> "```text\n" + GuideExamples.revenuePerOrganization(dsl).format() + "\n```";
                case "help" -> "```text\n" + DemoMain.help() + "```";
                case "dialects" -> io.jooqrelations.query.internal.DialectSupport.matrix().stripTrailing();
                default -> throw new IllegalStateException(kind);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Function<DSLContext, Read<?>> require(Map<String, Function<DSLContext, Read<?>>> reads, String name) {
        Function<DSLContext, Read<?>> read = reads.get(name);
        if (read == null) {
            throw new IllegalArgumentException("No guide read '" + name + "'; known: " + reads.keySet());
        }
        return read;
    }

    /** The tagged region {@code tag} from whichever source file of the repository holds it. */
    private static String codeRegion(String tag) throws IOException {
        // the consumer project is built and tested by consumer-it, the sample service by its own test, the stock
        // codegen snippet by the plugin's StockCodegenTest
        List<Path> roots = List.of(ROOT.resolve("demo/src"), ROOT.resolve("schema-sql/src"), ROOT.resolve("query-runtime/src"),
                ROOT.resolve("relations-dsl/src"), ROOT.resolve("consumer-it/src/it"), ROOT.resolve("demo-spring/src"),
                ROOT.resolve("maven-plugin/src/test"));
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xml")).toList()) {
                    String source = Files.readString(file);
                    if (source.contains("// tag::" + tag + "[]") || source.contains("<!-- tag::" + tag + "[] -->")) {
                        return SourceSnippets.region(source, tag);
                    }
                }
            }
        }
        throw new IllegalArgumentException("No source region tagged '" + tag + "'");
    }
}

package io.jooqrelations.maven;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.Database;

/**
 * Not API: jOOQ's {@link JavaGenerator}, plus the relations graph class written from the same meta model and the same
 * naming strategy once jOOQ's classes are written. Public only because jOOQ's {@code GenerationTool} instantiates it by
 * name; {@link CodegenRun} installs it when {@code <relations>} is configured and hands it the configuration for the run.
 *
 * <pre>{@code
 * CodegenRun.generate(locations, generator, choice, new RelationsConfiguration(), log::warn, log::info);
 * }</pre>
 */
public class RelationsJavaGenerator extends JavaGenerator {

    /** What one run asked for; set by {@link CodegenRun} around {@code GenerationTool.generate}, on its thread. */
    record Request(RelationsConfiguration configuration, Consumer<String> warnings, Consumer<String> info) {
    }

    static final ThreadLocal<Request> REQUEST = new ThreadLocal<>();

    @Override
    public void generate(Database database) {
        super.generate(database);
        Request request = REQUEST.get();
        if (request == null) {
            throw new IllegalStateException(getClass().getName() + " writes relations inside jooq-relations:generate only; "
                    + "as jOOQ's <generator><name>, use org.jooq.codegen.JavaGenerator instead.");
        }
        long start = System.nanoTime();
        GeneratedGraph graph = GeneratedGraph.build(database, request.configuration(), naming(request.configuration()),
                request.warnings());
        Path file = RelationsSource.write(graph, getStrategy(), request.configuration().getClassName());
        request.info().accept("Generated " + graph.relations().size() + " relations of " + graph.tables().size()
                + " tables into " + file + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    static RelationNaming naming(RelationsConfiguration configuration) {
        String name = configuration.getNamingStrategy();
        if (name == null || name.isBlank() || name.trim().equals(DefaultRelationNaming.class.getName())) {
            return new DefaultRelationNaming();
        }
        try {
            Class<?> type = Class.forName(name.trim(), true, RelationsJavaGenerator.class.getClassLoader());
            if (!RelationNaming.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("<relations><namingStrategy>" + name + "</namingStrategy> does not "
                        + "implement " + RelationNaming.class.getName() + "; extend " + DefaultRelationNaming.class.getName()
                        + " or implement the interface.");
            }
            return (RelationNaming) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("<relations><namingStrategy>" + name + "</namingStrategy> is not on the "
                    + "plugin's class path; add its artifact to the plugin's <dependencies>.", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("<relations><namingStrategy>" + name + "</namingStrategy> could not be "
                    + "created; it needs a public no-argument constructor: " + e, e);
        }
    }
}

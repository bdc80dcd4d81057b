package io.jooqrelations.maven;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Test helper: compiles generated sources (and any extra source files) with the JDK's compiler against the test class
 * path, and loads them in a class loader of their own.
 *
 * <pre>{@code
 * ClassLoader loader = CompiledSources.compile(out, classes);
 * Relations graph = CompiledSources.staticField(loader, "com.example.GeneratedRelations", "RELATIONS");
 * }</pre>
 */
final class CompiledSources {

    private CompiledSources() {
    }

    static URLClassLoader compile(Path sourceRoot, Path classes, Path... extraSources) throws IOException {
        List<File> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).collect(Collectors.toCollection(ArrayList::new));
        }
        for (Path extra : extraSources) {
            files.add(extra.toFile());
        }
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, null)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> options = List.of("-classpath", classpath, "-d", classes.toString(), "-proc:none",
                    "--release", "17", "-nowarn", "-implicit:none");
            boolean ok = compiler.getTask(null, manager, diagnostics, options, null, manager.getJavaFileObjectsFromFiles(files))
                    .call();
            if (!ok) {
                throw new AssertionError("Generated sources in " + sourceRoot + " do not compile:\n" + diagnostics.getDiagnostics()
                        .stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).limit(20)
                        .map(Object::toString).collect(Collectors.joining("\n")));
            }
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, CompiledSources.class.getClassLoader());
    }

    @SuppressWarnings("unchecked")
    static <T> T staticField(ClassLoader loader, String className, String field) throws ReflectiveOperationException {
        return (T) Class.forName(className, true, loader).getField(field).get(null);
    }
}

package io.jooqrelations.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts tagged regions ({@code // tag::name[]} ... {@code // end::name[]} in Java, {@code <!-- tag::name[] -->} ...
 * {@code <!-- end::name[] -->} in XML) out of source files, so that the demo prints, and the docs show, the code that
 * actually ran or was built.
 */
public final class SourceSnippets {

    private SourceSnippets() {
    }

    /** The region {@code tag} of {@code source}, de-indented; an error if the tag is missing. */
    public static String region(String source, String tag) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : source.split("\n", -1)) {
            if (isMarker(line, "end::" + tag + "[]")) {
                return dedent(lines);
            }
            if (inside && !isMarker(line)) {
                lines.add(line);
            }
            if (isMarker(line, "tag::" + tag + "[]")) {
                inside = true;
            }
        }
        throw new IllegalArgumentException("No region '" + tag + "' (// tag::" + tag + "[] ... // end::" + tag + "[])");
    }

    /** A demo source file copied onto the classpath by the build (see demo/pom.xml). */
    static String demoSource(String simpleName) {
        try (InputStream in = SourceSnippets.class.getResourceAsStream("/demo-sources/io/jooqrelations/demo/" + simpleName)) {
            if (in == null) {
                throw new IllegalStateException("demo source " + simpleName + " is not on the classpath; rebuild the demo");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code line} is the marker {@code marker} ({@code tag::x[]} or {@code end::x[]}) in either syntax. */
    private static boolean isMarker(String line, String marker) {
        String t = line.trim();
        return t.equals("// " + marker) || t.equals("<!-- " + marker + " -->");
    }

    private static boolean isMarker(String line) {
        String t = line.trim();
        String body = t.startsWith("// ") ? t.substring(3) : t.startsWith("<!-- ") && t.endsWith(" -->")
                ? t.substring(5, t.length() - 4) : "";
        return (body.startsWith("tag::") || body.startsWith("end::")) && body.endsWith("[]");
    }

    private static String dedent(List<String> lines) {
        int min = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                min = Math.min(min, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(min)).append('\n');
        }
        return sb.toString();
    }
}

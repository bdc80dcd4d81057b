package io.jooqrelations.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts tagged regions ({@code // tag::name[]} ... {@code // end::name[]}) out of Java source, so that the demo prints,
 * and the docs show, the code that actually ran.
 */
public final class SourceSnippets {

    private SourceSnippets() {
    }

    /** The region {@code tag} of {@code source}, de-indented; an error if the tag is missing. */
    public static String region(String source, String tag) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : source.split("\n", -1)) {
            if (line.trim().equals("// end::" + tag + "[]")) {
                return dedent(lines);
            }
            if (inside && !isMarker(line)) {
                lines.add(line);
            }
            if (line.trim().equals("// tag::" + tag + "[]")) {
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

    private static boolean isMarker(String line) {
        String t = line.trim();
        return (t.startsWith("// tag::") || t.startsWith("// end::")) && t.endsWith("[]");
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

package io.jooqrelations.maven;

import io.jooqrelations.db.DatabaseChoice;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.flywaydb.core.api.FlywayException;
import org.jooq.meta.jaxb.Generator;

/**
 * {@code jooq-relations:generate}: jOOQ classes from the project's own Flyway migrations, with no database to install.
 * Starts a throwaway PostgreSQL (embedded PostgreSQL 18 by default; {@code -Drelations.db=testcontainers} or a JDBC
 * URL by the same switch as the tests), migrates it, runs jOOQ codegen with the user's ordinary {@code <generator>}
 * (everything {@code jooq-codegen-maven} accepts there), stops the server and adds the output to the compile sources.
 * Skipped when neither the migrations nor the configuration changed since the last run.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.jooqrelations</groupId>
 *   <artifactId>jooq-relations-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal></goals></execution></executions>
 *   <configuration>
 *     <generator>
 *       <database><inputSchema>public</inputSchema></database>
 *       <target><packageName>com.example.db</packageName></target>
 *     </generator>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution.executionId}", readonly = true)
    private String executionId;

    /** Directories of Flyway scripts, applied in order; default {@code src/main/resources/db/migration}. */
    @Parameter
    private List<File> migrations;

    /** jOOQ's {@code <generator>}, passed through; the target directory defaults to {@code target/generated-sources/jooq}. */
    @Parameter(required = true)
    private Generator generator;

    /** Which PostgreSQL: {@code embedded} (default), {@code testcontainers}, or a {@code jdbc:postgresql:} URL. */
    @Parameter(property = DatabaseChoice.PROPERTY)
    private String database;

    /** The user for a JDBC URL (default {@code postgres}). */
    @Parameter(property = DatabaseChoice.PROPERTY + ".user")
    private String user;

    /** The password for a JDBC URL (default {@code postgres}). */
    @Parameter(property = DatabaseChoice.PROPERTY + ".password")
    private String password;

    /**
     * When given, also a relations graph class from the schema's foreign keys, next to the jOOQ classes
     * ({@code <relations><className>GeneratedRelations</className></relations>}; see {@link RelationsConfiguration}).
     */
    @Parameter
    private RelationsConfiguration relations;

    /** Skips the goal, e.g. when the generated classes are committed. */
    @Parameter(property = "jooq-relations.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jooq-relations:generate skipped");
            Path committed = generator == null ? null : targetDirectory(project.getBasedir().toPath());
            if (committed != null && Files.isDirectory(committed)) {
                project.addCompileSourceRoot(committed.toString());   // e.g. classes committed to src/main/jooq
            }
            return;
        }
        if (generator == null) {
            throw new MojoFailureException("jooq-relations:generate needs a <generator> configuration, e.g. "
                    + "<generator><target><packageName>com.example.db</packageName></target></generator>.");
        }
        Path basedir = project.getBasedir().toPath();
        List<Path> directories = migrationDirectories(basedir);
        Path target = targetDirectory(basedir);
        Path stamp = Path.of(project.getBuild().getDirectory(), "jooq-relations-maven-plugin", executionId + ".sha256");
        try {
            DatabaseChoice choice = choice();
            // what the output depends on: the scripts, the configuration, jOOQ, this plugin, and the server kind
            String fingerprint = MigrationFingerprint.of(directories, generator.toString(), org.jooq.Constants.VERSION,
                    pluginVersion(), choice.toString(), String.valueOf(relations));
            if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint) && holdsFiles(target)) {
                getLog().info("jOOQ classes in " + target + " are up to date with the migrations");
            } else {
                Files.deleteIfExists(stamp);
                CodegenRun.generate(directories.stream().map(d -> "filesystem:" + d).toList(), generator, choice,
                        relations, getLog()::warn, getLog()::info);
                Files.createDirectories(stamp.getParent());
                Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException | IllegalStateException | FlywayException e) {
            // the project's configuration or scripts are wrong: a build failure with the reason, not a plugin error
            throw new MojoFailureException(e.getMessage(), e);
        } catch (Exception e) {
            throw new MojoExecutionException("jOOQ codegen from " + directories + " failed: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(target.toString());
    }

    private static boolean holdsFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static String pluginVersion() {
        String version = GenerateMojo.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private List<Path> migrationDirectories(Path basedir) throws MojoFailureException {
        List<Path> directories = migrations == null || migrations.isEmpty()
                ? List.of(basedir.resolve("src/main/resources/db/migration"))
                : migrations.stream().map(f -> basedir.resolve(f.toPath())).toList();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new MojoFailureException("Migration directory " + directory + " does not exist; put the Flyway "
                        + "scripts there or list their directories in <migrations><migration>...</migration></migrations>.");
            }
        }
        return directories;
    }

    /** Like jooq-codegen-maven: a relative target directory is relative to the project, the default the usual one. */
    private Path targetDirectory(Path basedir) {
        if (generator.getTarget() == null) {
            generator.setTarget(new org.jooq.meta.jaxb.Target());
        }
        String configured = generator.getTarget().getDirectory();
        Path target = configured == null || configured.isBlank() || configured.equals("target/generated-sources/jooq")
                ? Path.of(project.getBuild().getDirectory(), "generated-sources", "jooq")
                : basedir.resolve(configured);
        generator.getTarget().setDirectory(target.toString());
        return target;
    }

    /** The same switch as the tests': this goal's parameters, then the environment ({@code RELATIONS_DB} ...). */
    private DatabaseChoice choice() {
        Map<String, String> props = new HashMap<>();
        putIfSet(props, DatabaseChoice.PROPERTY, database);
        putIfSet(props, DatabaseChoice.PROPERTY + ".user", user);
        putIfSet(props, DatabaseChoice.PROPERTY + ".password", password);
        return DatabaseChoice.from(System.getenv(), props);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}

package io.jooqrelations.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a codegen run's output depends on, as one SHA-256: every migration file (path and bytes), the generator
 * configuration as jOOQ writes it out, and jOOQ's version. Equal fingerprints mean the generated classes are current.
 *
 * <pre>{@code
 * String now = MigrationFingerprint.of(List.of(migrations), generator.toString(), org.jooq.Constants.VERSION);
 * }</pre>
 */
final class MigrationFingerprint {

    private MigrationFingerprint() {
    }

    static String of(List<Path> migrationDirectories, String... settings) {
        MessageDigest digest = sha256();
        for (Path directory : migrationDirectories) {
            digest.update(directory.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                    digest.update((byte) 0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the migrations in " + directory, e);
            }
        }
        for (String setting : settings) {
            digest.update(String.valueOf(setting).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

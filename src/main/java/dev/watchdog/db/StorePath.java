package dev.watchdog.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the SQLite store can be opened where the config puts it, asked by {@code check-config}
 * and before a real start, so a store path under a file or in a read-only place is one plain
 * sentence instead of a failure at the first write. Only a dry run, whose store is in memory,
 * skips it.
 */
public final class StorePath {

    private StorePath() {
    }

    /** What stands in the way of creating or writing {@code file}, or empty when nothing does. */
    public static Optional<String> problem(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return Optional.of(absolute + " is a directory, not a database file");
        }
        if (Files.exists(absolute)) {
            return Files.isWritable(absolute) ? Optional.empty() : Optional.of("cannot write " + absolute);
        }
        Path existing = absolute.getParent();
        while (existing != null && Files.notExists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.of("cannot create " + absolute + ": " + existing + " is a file, not a directory");
        }
        try {
            // Asking beats reading permission bits: root passes those, yet cannot write a read-only mount.
            Files.delete(Files.createTempFile(existing, ".watchdog-write-check", ".tmp"));
            return Optional.empty();
        } catch (IOException refused) {
            return Optional.of("cannot create " + absolute + ": " + existing + " is not writable");
        }
    }
}

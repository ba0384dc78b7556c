package dev.watchdog.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema, one numbered step at a time: the files {@code db/migration/<dialect>/V<n>__<what>.sql}
 * on the classpath, numbered from 1 without a gap. The dialect records which steps a database has
 * had; a newer Watchdog applies the missing ones in one transaction, an older one refuses a
 * database it does not understand.
 *
 * <p>Our own runner rather than Flyway: every database Watchdog wrote before keeps its version in
 * {@code PRAGMA user_version} and has no Flyway history table. Flyway would have to baseline each
 * one from that pragma on its first start, and the version would then live in two places; applying
 * numbered files in order in one transaction is all Watchdog needs. PostgreSQL gets the same runner:
 * its steps are SQLite's in its own words, the version is kept in a table, and replicas starting
 * together migrate one after the other ({@link Dialect#lockSchema}).
 */
final class Migrations {

    private static final Map<String, List<Step>> SHIPPED = new ConcurrentHashMap<>();
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__\\w+\\.sql");

    /** One step: the statements of one file. */
    record Step(int version, String file, List<String> statements) {
    }

    private final Dialect dialect;
    private final List<Step> steps;

    Migrations(Dialect dialect, List<Step> steps) {
        this.dialect = dialect;
        this.steps = List.copyOf(steps);
        for (int i = 0; i < this.steps.size(); i++) {
            if (this.steps.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + (i + 1) + " is missing or doubled: found "
                        + this.steps.get(i).file());
            }
        }
    }

    /**
     * The dialect's migrations as shipped with this Watchdog, read once per process: two stores opening at
     * once would otherwise open the jar's file system together, and the first to close it fails the other.
     */
    static Migrations of(Dialect dialect) {
        List<Step> steps = SHIPPED.computeIfAbsent(dialect.name(),
                name -> List.copyOf(load(Migrations.class.getClassLoader(), "db/migration/" + name)));
        return new Migrations(dialect, steps);
    }

    /** The schema version a database has once migrated. */
    int latest() {
        return steps.size();
    }

    /** Applies the missing steps and records the new version, all in one transaction. */
    void apply(Connection connection, String where) throws SQLException {
        connection.setAutoCommit(false);
        try {
            dialect.lockSchema(connection);
            int version = dialect.schemaVersion(connection);
            if (version > latest()) {
                throw new SQLException(where + " has schema version " + version + " but this Watchdog knows only up to "
                        + latest() + "; use the newer Watchdog that wrote it");
            }
            if (version < latest()) {
                try (Statement statement = connection.createStatement()) {
                    for (Step step : steps.subList(version, latest())) {
                        for (String sql : step.statements()) {
                            statement.execute(sql);
                        }
                    }
                }
                dialect.recordSchemaVersion(connection, latest());
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException failure) {
            Database.undo(connection, failure);
            throw failure;
        }
    }

    /** The migration files in {@code folder}, by version; from a directory or from inside the jar. */
    static List<Step> load(ClassLoader classLoader, String folder) {
        URL url = classLoader.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no migrations on the classpath at " + folder);
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.provider().getPath(uri));
            } catch (FileSystemAlreadyExistsException opened) {
                return read(Path.of(uri));
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read the migrations at " + folder, failure);
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<Step> read(Path folder) throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher matcher = FILE_NAME.matcher(name);
                if (!matcher.matches()) {
                    throw new IllegalStateException(name + " in " + folder + " is not named V<n>__<what>.sql");
                }
                try {
                    steps.add(new Step(Integer.parseInt(matcher.group(1)), name,
                            SqlScript.statements(Files.readString(file, StandardCharsets.UTF_8))));
                } catch (IllegalArgumentException unfinished) {
                    throw new IllegalStateException(name + ": " + unfinished.getMessage(), unfinished);
                }
            }
        }
        steps.sort(Comparator.comparingInt(Step::version));
        return steps;
    }
}

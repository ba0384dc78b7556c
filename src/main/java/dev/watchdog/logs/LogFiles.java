package dev.watchdog.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a file source may read: those matching its configured paths and globs, plus their rotated
 * siblings ({@code app.log.1}, {@code app.log.2.gz}, {@code app.log-20240115.gz}). Nothing else.
 *
 * <p>Each configured pattern has a fixed directory (the part before the first wildcard, or the parent
 * of a plain path). A file whose real path leaves that directory, through a symbolic link, is refused:
 * a link in {@code /var/log/app} to {@code /etc/shadow} must not make the shadow file readable. A
 * requested file must be one of the allowed files; {@code ..} in a request is refused outright.
 */
final class LogFiles {

    /** Allowed files newest first (by modification time), and what went wrong finding them. */
    record Resolution(List<Path> files, List<String> problems) {
    }

    private static final Pattern ROTATED_SUFFIX = Pattern.compile("(?:\\.\\d{1,4}|-\\d{8}(?:\\d{2})?)(?:\\.gz)?|\\.gz");
    private static final Pattern WILDCARD = Pattern.compile("[*?\\[{]");
    private static final int MAX_NAMES_IN_MESSAGE = 10;

    private final String source;
    private final List<String> patterns;

    LogFiles(String source, List<String> patterns) {
        this.source = source;
        this.patterns = List.copyOf(patterns);
    }

    List<String> patterns() {
        return patterns;
    }

    /** Every allowed file that exists now. */
    Resolution resolve() {
        Set<Path> unique = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matches = matches(pattern, problems);
            if (matches.isEmpty()) {
                problems.add(source + ": no file matches " + pattern);
            }
            unique.addAll(matches);
        }
        List<Path> files = new ArrayList<>(unique);
        files.sort(Comparator.comparing(LogFiles::modified).reversed().thenComparing(Path::toString));
        return new Resolution(files, problems);
    }

    /** The requested file, if it is one of the allowed files; otherwise a refusal naming those files. */
    Resolution resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return resolve();
        }
        String refusedBecause = null;
        Path path = null;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException invalid) {
            refusedBecause = "it is not a valid path";
        }
        if (path != null) {
            for (Path segment : path) {
                if (segment.toString().equals("..")) {
                    refusedBecause = "\"..\" is not allowed in a path";
                }
            }
        }
        Resolution allowed = resolve();
        if (refusedBecause == null) {
            List<Path> chosen = path.isAbsolute() ? sameFile(allowed.files(), path)
                    : path.getNameCount() == 1 ? sameName(allowed.files(), path.toString()) : List.of();
            if (!chosen.isEmpty()) {
                return new Resolution(chosen, List.of());
            }
            refusedBecause = "it is not one of the files configured for this source";
        }
        return new Resolution(List.of(), List.of(source + ": file \"" + requested + "\" is refused: " + refusedBecause
                + " (" + String.join(", ", patterns) + "; files now: " + names(allowed.files()) + ")"));
    }

    private static List<Path> sameFile(List<Path> allowed, Path requested) {
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException missing) {
            return List.of();
        }
        return allowed.stream().filter(file -> file.equals(real)).toList();
    }

    private static List<Path> sameName(List<Path> allowed, String name) {
        return allowed.stream().filter(file -> file.getFileName().toString().equals(name)).toList();
    }

    /** A configured pattern split into the directory it may not leave and a glob relative to it. */
    private record Root(Path directory, String glob) {
        static Root of(String pattern) {
            Path path = Path.of(pattern);
            if (!WILDCARD.matcher(pattern).find()) {
                return new Root(path.getParent(), escapeGlob(path.getFileName().toString()));
            }
            Path directory = path.getRoot();
            int i = 0;
            for (; i < path.getNameCount() - 1 && !WILDCARD.matcher(path.getName(i).toString()).find(); i++) {
                directory = directory.resolve(path.getName(i).toString());
            }
            return new Root(directory, path.subpath(i, path.getNameCount()).toString());
        }
    }

    /** Real paths of the files matching one pattern and their rotated siblings, all inside its directory. */
    private List<Path> matches(String pattern, List<String> problems) {
        Root root = Root.of(pattern);
        Path directory = root.directory();
        String glob = root.glob();
        Path realDirectory;
        try {
            realDirectory = directory.toRealPath();
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException unreadable) {
            problems.add(source + ": cannot open directory " + directory + ": " + unreadable.getMessage());
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = glob.contains("**") ? Integer.MAX_VALUE : Path.of(glob).getNameCount();
        List<Path> found = new ArrayList<>();
        // Walk the real directory: Files.walk does not follow a start path that is itself a link.
        try (Stream<Path> walk = Files.walk(realDirectory, depth)) {
            walk.filter(path -> matcher.matches(realDirectory.relativize(path)))
                    .forEach(path -> addIfInside(path, realDirectory, found, problems));
        } catch (IOException | UncheckedIOException unreadable) {
            problems.add(source + ": cannot list " + directory + ": " + message(unreadable));
        }
        for (Path file : List.copyOf(found)) {
            for (Path sibling : rotatedSiblings(file)) {
                addIfInside(sibling, realDirectory, found, problems);
            }
        }
        return found;
    }

    private void addIfInside(Path path, Path realDirectory, List<Path> found, List<String> problems) {
        if (!Files.isRegularFile(path)) {
            return;
        }
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(realDirectory)) {
                problems.add(source + ": " + path + " is refused: it is a link leading outside " + realDirectory);
            } else if (!found.contains(real)) {
                found.add(real);
            }
        } catch (IOException unreadable) {
            problems.add(source + ": cannot open " + path + ": " + message(unreadable));
        }
    }

    /** {@code app.log.1}, {@code app.log.2.gz}, {@code app.log-20240115.gz} next to {@code app.log}. */
    private static List<Path> rotatedSiblings(Path file) {
        String name = file.getFileName().toString();
        Path directory = file.getParent();
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(sibling -> {
                String siblingName = sibling.getFileName().toString();
                return siblingName.startsWith(name) && siblingName.length() > name.length()
                        && ROTATED_SUFFIX.matcher(siblingName.substring(name.length())).matches();
            }).toList();
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of();
        }
    }

    static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private static String names(List<Path> files) {
        if (files.isEmpty()) {
            return "none";
        }
        List<String> names = files.stream().map(Path::toString).sorted().limit(MAX_NAMES_IN_MESSAGE).toList();
        return String.join(", ", names) + (files.size() > MAX_NAMES_IN_MESSAGE ? ", ..." : "");
    }

    private static String escapeGlob(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\,])", "\\\\$1");
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

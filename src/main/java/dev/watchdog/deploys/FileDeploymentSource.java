package dev.watchdog.deploys;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.watchdog.files.ReverseLineReader;
import dev.watchdog.http.FailureText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A JSON-lines file that CI appends one deployment object to per deploy, for teams without a
 * deploy API. Read from the end, since the newest lines are last, and only back to the start of
 * the window: the first entry older than the lookback ends the read. Malformed lines are skipped
 * and counted, never fatal.
 */
public final class FileDeploymentSource extends ReadingDeploymentSource {

    static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private final String name;
    private final Path path;
    private final FieldMapping fields;
    private final long maxBytes;

    public FileDeploymentSource(String name, Path path, FieldMapping fields) {
        this(name, path, fields, DEFAULT_MAX_BYTES);
    }

    FileDeploymentSource(String name, Path path, FieldMapping fields, long maxBytes) {
        this.name = name;
        this.path = path;
        this.fields = fields;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    PartialResult read(String service, Instant since) {
        checkReadable().ifPresent(problem -> {
            throw new DeploymentSourceException(problem, 0);
        });
        PartialResult result = new PartialResult();
        int malformed = 0;
        String newestProblem = "";
        boolean reachedWindowStart = false;
        try (ReverseLineReader lines = ReverseLineReader.open(path, (int) Math.min(Integer.MAX_VALUE, maxBytes),
                maxBytes)) {
            boolean newest = true;
            String line;
            for (; (line = lines.previousLine()) != null; newest = false) {
                boolean unterminated = newest && lines.lastLineUnterminated();
                if (line.isBlank()) {
                    continue;
                }
                Deployment deployment;
                try {
                    deployment = fields.read(JsonValues.JSON.readTree(line), name);
                } catch (JsonProcessingException | FieldMapping.InvalidEntry e) {
                    // A last line without its newline is usually one CI is still writing, not a broken one.
                    if (!unterminated && malformed++ == 0) {
                        newestProblem = e instanceof FieldMapping.InvalidEntry ? e.getMessage() : "not JSON";
                    }
                    continue;
                }
                if (deployment.time().isBefore(since)) {
                    reachedWindowStart = true;
                    break;
                }
                if (deployment.isFor(service)) {
                    result.add(deployment);
                }
            }
            if (malformed > 0) {
                result.fail(problem("skipped " + malformed + " malformed line" + (malformed == 1 ? "" : "s")
                        + " in " + path + " (newest: " + newestProblem + ")"));
            }
            if (!reachedWindowStart && lines.stoppedAtLimit()) {
                result.fail(problem("read only the last " + FailureText.bytes(maxBytes) + " of " + path
                        + "; older deployments in the window were not read"));
            }
            return result;
        } catch (IOException e) {
            throw new DeploymentSourceException(name + ": cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private DeploymentSourceException problem(String detail) {
        return new DeploymentSourceException(name + ": " + detail, 0);
    }

    @Override
    public List<String> checkCredentials() {
        return checkReadable().map(List::of).orElse(List.of());
    }

    private Optional<String> checkReadable() {
        if (!Files.exists(path)) {
            return Optional.of(name + ": " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(name + ": " + path + " is not a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(name + ": " + path + " is not readable by this process");
        }
        return Optional.empty();
    }
}

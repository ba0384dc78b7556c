package dev.watchdog.slack;

import dev.watchdog.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqlitePlaceholdersTest extends PlaceholdersTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("data/watchdog.db"));
    }
}

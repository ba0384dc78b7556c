package dev.watchdog.agent.incident;

import dev.watchdog.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteIncidentStoreTest extends IncidentStoreTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("watchdog.db"));
    }
}

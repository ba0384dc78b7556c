package dev.watchdog.alerting;

import dev.watchdog.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStormStoreTest extends StormStoreTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("data/watchdog.db"));
    }
}

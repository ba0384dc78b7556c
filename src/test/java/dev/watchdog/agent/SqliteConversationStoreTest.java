package dev.watchdog.agent;

import dev.watchdog.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("watchdog.db"));
    }
}

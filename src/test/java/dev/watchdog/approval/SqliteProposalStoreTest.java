package dev.watchdog.approval;

import dev.watchdog.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteProposalStoreTest extends ProposalStoreTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("watchdog.db"));
    }
}

package dev.watchdog.alerting;

import dev.watchdog.db.Database;
import dev.watchdog.db.PostgresSettings;
import dev.watchdog.testing.RealPostgres;

class PostgresStormStoreIT extends StormStoreTest {

    private static final RealPostgres.TestDatabase DATABASE = RealPostgres.newDatabase();

    private final PostgresSettings schema = DATABASE.newSchema();

    @Override
    protected Database openDatabase() {
        return Database.postgresql(schema);
    }
}

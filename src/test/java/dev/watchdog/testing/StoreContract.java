package dev.watchdog.testing;

import dev.watchdog.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store's tests, written once for every kind of {@link Database}: the store's test says how to
 * build the store, a subclass per dialect how to open the database.
 *
 * @param <S> the store under test
 */
public abstract class StoreContract<S> {

    protected Database database;
    protected S store;

    /** Opens the test's database: a new, migrated one at first, the same one again after {@link #restart}. */
    protected abstract Database openDatabase();

    protected abstract S storeOver(Database database);

    @BeforeEach
    final void openStore() {
        database = openDatabase();
        store = storeOver(database);
    }

    @AfterEach
    final void closeStore() {
        database.close();
    }

    /** What a restart of Watchdog does to the store: closed, then opened again. */
    protected final void restart() {
        closeStore();
        openStore();
    }
}

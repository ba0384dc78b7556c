package dev.watchdog.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the {@link Database} takes a connection for one piece of work, and gives it back after. */
interface ConnectionSource extends AutoCloseable {

    /** A connection for this thread alone until {@link #release}; waits while none is free. */
    Connection acquire() throws SQLException;

    /** How statements are prepared on a connection this source gave. */
    Statements statements(Connection connection);

    /** Gives back what {@link #acquire} gave; never fails, since the work's outcome is already known. */
    void release(Connection connection);

    @Override
    void close() throws SQLException;
}

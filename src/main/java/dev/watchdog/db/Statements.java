package dev.watchdog.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Where {@link Sql} gets a prepared statement for a statement text, and gives it back once it has run. */
interface Statements {

    PreparedStatement prepare(String sql) throws SQLException;

    /** The statement ran ({@code failed}: it threw); its result sets are closed already. */
    void done(PreparedStatement statement, boolean failed) throws SQLException;

    /**
     * A statement prepared for each use and closed after it: for PostgreSQL, whose driver keeps the server-side
     * prepared statements per connection itself (see {@link ConnectionPool}).
     */
    static Statements uncached(Connection connection) {
        return new Statements() {
            @Override
            public PreparedStatement prepare(String sql) throws SQLException {
                return connection.prepareStatement(sql);
            }

            @Override
            public void done(PreparedStatement statement, boolean failed) throws SQLException {
                statement.close();
            }
        };
    }
}

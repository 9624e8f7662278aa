package io.govassist.system;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Hikari's verdict on a failed statement: a connection to an embedded H2 database that H2 has closed (it closes the
 * database after a write error such as a full disk: "The database has been closed" [90098]) is evicted from the
 * pool, so the next connection opens the database file again once the cause is gone. Without this, Hikari keeps the
 * dead connections and every database call fails until a restart. Other errors keep Hikari's default handling.
 * Configured as {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class ClosedDatabaseEviction implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
    static final int H2_DATABASE_IS_CLOSED = 90098;
    static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return isClosedDatabase(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

    /** Whether {@code e} is H2 reporting that its database has been closed (e.g. after a write error). */
    static boolean isClosedDatabase(SQLException e) {
        boolean h2 = e.getClass().getName().startsWith("org.h2.");
        return h2 && (e.getErrorCode() == H2_DATABASE_IS_CLOSED || e.getErrorCode() == H2_DATABASE_CALLED_AT_SHUTDOWN);
    }
}

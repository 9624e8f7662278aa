package io.govassist.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.jdbc.JdbcSQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedDatabaseEvictionTest {

    private final ClosedDatabaseEviction eviction = new ClosedDatabaseEviction();

    @Test
    void a_connection_to_a_closed_h2_database_is_evicted() {
        SQLException closed = new JdbcSQLNonTransientConnectionException("The database has been closed", null,
                "90098", 90098, null, null);

        assertThat(eviction.adjudicate(closed)).isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
    }

    @Test
    void other_errors_keep_hikaris_default_handling() {
        SQLException syntax = new SQLException("syntax error", "42000", 42000);
        SQLException otherDriverSameCode = new SQLException("closed?", "XX000", 90098);

        assertThat(eviction.adjudicate(syntax)).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(otherDriverSameCode)).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }
}

package io.govassist.system;

import io.govassist.store.StorageFullException;
import io.govassist.store.StoreUnavailableException;
import org.h2.jdbc.JdbcSQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class StorageFailuresTest {

    @Test
    void a_full_disk_anywhere_in_the_cause_chain_is_507_storage_full() {
        var store = StorageFailures.classify(new StorageFullException("index", new IOException("x")));
        var h2 = StorageFailures.classify(new UncategorizedSQLException("insert", "INSERT …",
                new SQLException("General error", new FileSystemException("/data/db/govassist.mv.db", null,
                        "No space left on device"))));

        assertThat(store).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
            assertThat(e.code()).isEqualTo("STORAGE_FULL");
            assertThat(e.getMessage()).contains("存储空间不足");
        });
        assertThat(h2).get().extracting(ApiException::code).isEqualTo("STORAGE_FULL");
    }

    @Test
    void an_unreachable_database_is_503_store_unavailable() {
        var store = StorageFailures.classify(new StoreUnavailableException("PostgreSQL down", null));
        var pool = StorageFailures.classify(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));
        var wrapped = StorageFailures.classify(new IllegalStateException("turn not stored",
                new SQLTransientConnectionException("timeout")));

        assertThat(store.orElseThrow().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(store.orElseThrow().code()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(pool.orElseThrow().code()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(pool.orElseThrow().getMessage()).contains("无法连接数据库");
        assertThat(wrapped.orElseThrow().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void a_lost_schema_of_the_application_tables_is_503_and_an_ordinary_sql_error_is_not() {
        var dropped = StorageFailures.classify(new BadSqlGrammarException("knowledge bases",
                "SELECT … FROM knowledge_base", new SQLException("relation \"knowledge_base\" does not exist", "42P01")));
        var syntax = StorageFailures.classify(new BadSqlGrammarException("q", "SELEC 1",
                new SQLException("syntax error at or near \"SELEC\"", "42601")));

        assertThat(dropped.orElseThrow().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(dropped.orElseThrow().code()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(syntax).isEmpty();
    }

    @Test
    void a_failed_rollback_after_postgresql_restarted_is_503_not_500() {
        // measured in scripts/fault-pg-restart: the turn's INSERT lost its connection, then the rollback failed
        var rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));
        var shutdown = new UncategorizedSQLException("insert", "INSERT …",
                new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(StorageFailures.classify(rollback)).get().extracting(ApiException::code)
                .isEqualTo("STORE_UNAVAILABLE");
        assertThat(StorageFailures.classify(shutdown)).get().extracting(ApiException::status)
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(StorageFailures.classify(new SQLException("duplicate key", "23505"))).isEmpty();
    }

    @Test
    void a_closed_h2_database_and_a_rollback_on_an_evicted_connection_are_503_not_500() {
        // measured in scripts/fault-disk-full: after a write error H2 closes its database; requests that still held
        // a pooled connection failed, and their rollback on the evicted connection failed too
        var closed = new JdbcSQLNonTransientConnectionException("The database has been closed", null,
                "90098", 90098, null, null);
        var rollbackOnEvicted = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        var rollbackHidingTheCause = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback failed", "XX000"));
        rollbackHidingTheCause.initApplicationException(new IllegalStateException("turn not stored", closed));

        assertThat(StorageFailures.classify(new IllegalStateException("turn not stored", closed))).get()
                .extracting(ApiException::code).isEqualTo("STORE_UNAVAILABLE");
        assertThat(StorageFailures.classify(rollbackOnEvicted)).get()
                .extracting(ApiException::status).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(StorageFailures.classify(rollbackHidingTheCause)).get()
                .extracting(ApiException::code).isEqualTo("STORE_UNAVAILABLE");
        var rollbackOfABug = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback failed", "XX000"));
        rollbackOfABug.initApplicationException(new IllegalStateException("bug"));
        assertThat(StorageFailures.classify(rollbackOfABug)).isEmpty();
        assertThat(StorageFailures.classify(new SQLException("Connection is closed", "42000"))).isEmpty();
    }

    @Test
    void other_failures_are_not_storage_failures() {
        assertThat(StorageFailures.classify(new IllegalStateException("bug"))).isEmpty();
        assertThat(StorageFailures.classify(new UncheckedIOException(new IOException("Broken pipe")))).isEmpty();
        assertThat(StorageFailures.classify(new DataIntegrityViolationException("duplicate key"))).isEmpty();
    }
}

package io.govassist.system;

import io.govassist.ingestion.IngestionPipeline;
import io.govassist.store.StorageFullException;
import io.govassist.store.StoreUnavailableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Failures of the deployment rather than of the request — a full disk, a database that cannot be reached (e.g.
 * PostgreSQL restarting) — as the API error to answer with: 507 {@code STORAGE_FULL} or 503 {@code STORE_UNAVAILABLE},
 * each with a Chinese message, never a 500.
 */
public final class StorageFailures {

    static final String DATABASE_UNAVAILABLE_MESSAGE = "服务暂时不可用（无法连接数据库），请稍后重试";

    private StorageFailures() {
    }

    /** The API error for {@code e}, if it is a storage failure (anywhere in its cause chain). */
    public static Optional<ApiException> classify(Throwable e) {
        if (StorageFullException.isDiskFull(e)) {
            return Optional.of(new ApiException(HttpStatus.INSUFFICIENT_STORAGE, IngestionPipeline.STORAGE_FULL,
                    IngestionPipeline.STORAGE_FULL_MESSAGE));
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return Optional.of(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, IngestionPipeline.STORE_UNAVAILABLE,
                        "政策文件库暂时无法访问，请稍后重试"));
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && (connectionLost(sql.getSQLState())
                    || ClosedDatabaseEviction.isClosedDatabase(sql) || closedPooledConnection(sql))) {
                return Optional.of(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, IngestionPipeline.STORE_UNAVAILABLE,
                        DATABASE_UNAVAILABLE_MESSAGE));
            }
            // a failed rollback hides the failure that caused it (e.g. H2 closed its database after a full disk)
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != e) {
                Optional<ApiException> cause = classify(tx.getApplicationException());
                if (cause.isPresent()) {
                    return cause;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Hikari's proxy of a connection the pool has already closed or evicted answers every call with a plain
     * {@code SQLException("Connection is closed")} without a SQLSTATE.
     */
    private static boolean closedPooledConnection(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * A database, schema or table of the deployment that is gone (dropped, or a wrong database configured): the clause
     * store already answers these as unavailable; the application's own tables (knowledge bases, conversations) are
     * read on the same requests.
     */
    private static final Set<String> LOST_SCHEMA = Set.of("3D000", "3F000", "42P01");

    /**
     * SQLSTATE classes of a lost or refused connection and of a server shutting down (e.g. a failed rollback after
     * PostgreSQL restarted mid-transaction arrives as {@code TransactionSystemException} with such a cause).
     */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P")
                || sqlState.startsWith("53") || LOST_SCHEMA.contains(sqlState));
    }
}

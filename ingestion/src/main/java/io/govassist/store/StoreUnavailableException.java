package io.govassist.store;

/**
 * The store's backing service (PostgreSQL) cannot be reached, or lacks what the store needs (pgvector, its tables):
 * a condition of the deployment, not of the request.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.govassist.store;

/**
 * A write failed because the disk (or the quota) under the store is full. The store rolled the write back: what was
 * committed before is intact and searchable, and writes work again once space is freed.
 */
public class StorageFullException extends RuntimeException {

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code e} or one of its causes or suppressed exceptions reports a full disk or an exceeded quota. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageFullException || mentionsFullDisk(t.getMessage())) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (mentionsFullDisk(s.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentionsFullDisk(String message) {
        return message != null && (message.contains("No space left on device")
                || message.contains("Disk quota exceeded")
                || message.contains("not enough space on the disk"));
    }
}

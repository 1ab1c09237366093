package org.deleveraging.store;

/** The store failed underneath (disk full, database closed): not the user's mistake, reported with its cause. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message + ": " + cause.getMessage(), cause); }

    public StoreException(String message) { super(message); }

    /** {@code message} alone, one line for the user; the cause is kept for a trace, not repeated in the message. */
    static StoreException because(String message, Throwable cause) {
        StoreException e = new StoreException(message);
        e.initCause(cause);
        return e;
    }
}

package dev.gatehouse.store;

/** The store could not do what was asked. The message never contains SQL, a URL or a secret. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A unique key already exists: the caller decides what that means. */
    public static final class Duplicate extends StoreException {
        public Duplicate(Throwable cause) {
            super("duplicate key", cause);
        }
    }

    /** The database could not be reached or failed; nothing was written. */
    public static final class Unavailable extends StoreException {
        public Unavailable(Throwable cause) {
            super("the database is unavailable", cause);
        }
    }
}

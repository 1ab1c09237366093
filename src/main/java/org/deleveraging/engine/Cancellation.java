package org.deleveraging.engine;

/**
 * A request to stop one long piece of work (a run, an import, a verification), made from another thread: the shell's
 * Ctrl-C handler sets it, the work reads it at its check points (between rounds and inside the engine's long loops,
 * between the rules' firings, at every chunk the store writes) and unwinds by throwing {@link Cancelled}. The store's
 * all-or-nothing write then rolls back as it does for any failure, so nothing of the work is kept.
 *
 * <p>A flag rather than {@link Thread#interrupt()}: an interrupt closes the {@code FileChannel} of whatever file the
 * thread is reading or writing at that moment, H2's database file included ({@code ClosedChannelException}), which
 * leaves the store unusable for the rest of the session.
 */
public final class Cancellation {
    /** Work that cannot be cancelled: {@link #cancel()} does nothing. */
    public static final Cancellation NEVER = new Cancellation(false);

    private final boolean cancellable;
    private volatile boolean requested;

    public Cancellation() { this(true); }

    private Cancellation(boolean cancellable) { this.cancellable = cancellable; }

    /** Asks the work to stop at its next check point; safe from any thread, a signal handler's included. */
    public void cancel() {
        if (cancellable) requested = true;
    }

    public boolean requested() { return requested; }

    /** A check point: throws {@link Cancelled} once {@link #cancel()} has been called. One volatile read. */
    public void check() {
        if (requested) throw new Cancelled();
    }

    /** Unwinds cancelled work. Not an error: no stack trace is kept or shown. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() { super("cancelled: nothing was stored", null, false, false); }
    }
}

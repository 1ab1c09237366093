package org.deleveraging.accounts;

/** Progress of a long write, for the progress bar: {@code done} of {@code total} rows. */
@FunctionalInterface
public interface StoreProgress {
    void onRows(long done, long total);

    StoreProgress NONE = (d, t) -> {};
}

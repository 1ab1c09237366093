package org.deleveraging.sweep;

import org.deleveraging.input.InputException;

/** How a command names a stored sweep: its number ({@code 3} or {@code #3}) or {@code last}, the newest. */
public final class SweepRef {
    private SweepRef() {}

    public static StoredSweep resolve(SweepRepository sweeps, String ref) {
        if (ref == null || ref.isBlank()) throw new InputException("--sweep: missing; name a sweep (see 'sweep list')");
        String s = ref.strip();
        if (s.equalsIgnoreCase("last"))
            return sweeps.sweeps().stream().findFirst()
                    .orElseThrow(() -> new InputException("--sweep: no sweep stored yet"));
        if (s.startsWith("#")) s = s.substring(1);
        long id;
        try {
            id = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InputException("--sweep: '" + ref + "' is not a sweep number (a number, #number or last)");
        }
        return sweeps.sweep(id)
                .orElseThrow(() -> new InputException("--sweep: no sweep " + id + " (see 'sweep list')"));
    }
}

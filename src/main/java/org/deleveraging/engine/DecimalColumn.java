package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A column of decimals held as an unscaled long and a scale each, read back as the very {@code BigDecimal} that was
 * written (same unscaled value, same scale: {@code equals} and {@code toPlainString} agree). A value whose unscaled
 * form does not fit a long, or whose scale does not fit a byte, is kept as it is beside the column.
 *
 * <p>Why: a crash over a million positions records over a million events of four amounts each. Held as objects,
 * fresh numbers made by the fills, they were most of what the run's result held; as two primitives they are nine
 * bytes and nothing for the collector to trace.
 */
final class DecimalColumn {
    private static final byte NULL = Byte.MIN_VALUE;
    private static final byte ASIDE = Byte.MIN_VALUE + 1;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private long[] unscaled;
    private byte[] scale;
    private Map<Integer, BigDecimal> aside;

    DecimalColumn(int capacity) {
        unscaled = new long[capacity];
        scale = new byte[capacity];
    }

    /** Makes room for {@code capacity} values, keeping those set. */
    void grow(int capacity) {
        unscaled = java.util.Arrays.copyOf(unscaled, capacity);
        scale = java.util.Arrays.copyOf(scale, capacity);
    }

    void set(int i, BigDecimal v) {
        if (v == null) {
            scale[i] = NULL;
            return;
        }
        int s = v.scale();
        if (s > ASIDE && s <= Byte.MAX_VALUE) {
            // the unscaled value as a whole number; compared with a long's range without counting its digits (a
            // position's size is a fresh number at every read, and counting was a tenth of recording a queue)
            BigDecimal whole = s == 0 ? v : v.scaleByPowerOfTen(s);
            if (whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0) {
                unscaled[i] = whole.longValue();
                scale[i] = (byte) s;
                return;
            }
        }
        if (aside == null) aside = new HashMap<>();
        aside.put(i, v);
        scale[i] = ASIDE;
    }

    BigDecimal get(int i) {
        byte s = scale[i];
        if (s == NULL) return null;
        if (s == ASIDE) return aside.get(i);
        return BigDecimal.valueOf(unscaled[i], s);
    }
}

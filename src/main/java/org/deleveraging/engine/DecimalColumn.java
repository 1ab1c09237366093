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

    private long[] unscaled;
    private byte[] scale;
    private Map<Integer, BigDecimal> aside;

    DecimalColumn(int capacity) {
        unscaled = new long[capacity];
        scale = new byte[capacity];
    }

    int capacity() { return scale.length; }

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
        if (s > NULL + 1 && s <= Byte.MAX_VALUE && v.precision() <= 18) {
            // at most 18 digits: the unscaled value is a long, read without making a BigInteger
            unscaled[i] = s == 0 ? v.longValue() : v.scaleByPowerOfTen(s).longValue();
            scale[i] = (byte) s;
            return;
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

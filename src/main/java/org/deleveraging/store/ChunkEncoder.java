package org.deleveraging.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs one chunk of results (events, queue places, outcomes, accounts, positions) into a single byte array that H2
 * stores as one VARBINARY value. H2 spent most of a run's store converting array elements one by one (a DECFLOAT
 * value object per amount, a VARCHAR per id) and writing the pages they filled; one opaque value per chunk skips
 * both. {@link ChunkDecoder} reads the values back in the order they were written.
 *
 * <p>The format, value by value (all varints are unsigned LEB128; "signed" means zig-zag first):
 * <ul>
 *   <li>a chunk starts with the format byte {@link #FORMAT};</li>
 *   <li>an int: a signed varint; a count: a varint;</li>
 *   <li>a string: 0 for null, i + 1 for the chunk's i-th distinct string, and a string not seen yet in the chunk
 *       as its new number followed by its UTF-8 length and bytes; ids, markets, kinds and rule ids repeat heavily,
 *       so most cost a byte or two;</li>
 *   <li>a decimal, exactly: 0 for null, else 1 + (signed scale &lt;&lt; 1 | big), then the unscaled value as a
 *       signed varlong, or (big) as the length and bytes of its two's complement;</li>
 *   <li>a double: its 8 raw IEEE bits (a score orders positions; NaN and -0.0 come back as they went in);</li>
 *   <li>a sentence: 0 for null, 1 + a string for a sentence kept as it is, 2 + its shape (the sentence with every
 *       run of ASCII digits replaced by {@link #DIGITS}, as a string) and each run: the number of digits and, up to
 *       18 digits, their value as a varlong (leading zeros restored from the count), else the digits. A reason
 *       repeats with figures inserted, so its shape repeats and costs a byte or two.</li>
 * </ul>
 * The same values give the same bytes: the dictionary is numbered in order of first use.
 */
final class ChunkEncoder {
    static final byte FORMAT = 1;
    /** Stands for a run of digits in a sentence's shape; a sentence that contains it is kept as it is. */
    static final char DIGITS = '\u0000';
    private static final int LONG_DIGITS = 18;

    private final Dictionary dictionary = new Dictionary();
    private final StringBuilder shape = new StringBuilder();
    private byte[] bytes = new byte[1 << 16];
    private int size;

    ChunkEncoder() { reset(); }

    /** Starts a new chunk: the dictionary starts empty, so that every chunk decodes on its own. */
    ChunkEncoder reset() {
        dictionary.clear();
        size = 0;
        put(FORMAT);
        return this;
    }

    byte[] toBytes() { return Arrays.copyOf(bytes, size); }

    /**
     * This chunk, just reset, as a count followed by the values of {@code values}' chunk: for a chunk whose number of
     * entries is known only once they are encoded. The dictionary is the one of {@code values}.
     */
    byte[] withCount(int n, ChunkEncoder values) {
        count(n);
        ensure(values.size - 1);
        System.arraycopy(values.bytes, 1, bytes, size, values.size - 1);
        size += values.size - 1;
        return toBytes();
    }

    int size() { return size; }

    void count(int v) {
        if (v < 0) throw new IllegalArgumentException("a count cannot be negative: " + v);
        varint(v);
    }

    void integer(int v) { varint((v << 1) ^ (v >> 31)); }

    void string(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        int hash = s.hashCode();
        int slot = dictionary.find(s, hash);
        if (slot >= 0) {
            varint(dictionary.number(slot) + 1);
            return;
        }
        define(dictionary.add(-slot - 1, s, hash), s);
    }

    /** A string's first use in the chunk: its new number, then its UTF-8 length and bytes. */
    private void define(int number, String s) {
        varint(number + 1);
        int length = s.length();
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                varint(utf8.length);
                write(utf8);
                return;
            }
        }
        varint(length);
        ensure(length);
        for (int i = 0; i < length; i++) bytes[size++] = (byte) s.charAt(i);
    }

    void decimal(BigDecimal d) {
        if (d == null) {
            varint(0);
            return;
        }
        int scale = d.scale();
        int zigzagScale = (scale << 1) ^ (scale >> 31);
        BigInteger unscaled = d.unscaledValue();
        if (unscaled.bitLength() < 64) {
            varlong(((long) zigzagScale << 1) + 1);
            long v = unscaled.longValue();
            varlong((v << 1) ^ (v >> 63));
        } else {
            varlong(((long) zigzagScale << 1 | 1) + 1);
            byte[] twos = unscaled.toByteArray();
            varint(twos.length);
            write(twos);
        }
    }

    /**
     * A decimal as {@link org.deleveraging.domain.Money#clean} leaves it (no trailing zeros, scale at least 0), in
     * the {@link #decimal} format. Millions of amounts go through here, so the common case (at most 18 digits)
     * cleans the unscaled long itself instead of allocating a stripped BigDecimal and a BigInteger per amount.
     */
    void money(BigDecimal d) {
        if (d == null || d.precision() > LONG_DIGITS) {
            decimal(d == null ? null : org.deleveraging.domain.Money.clean(d));
            return;
        }
        long unscaled = d.scaleByPowerOfTen(d.scale()).longValueExact();
        int scale = d.scale();
        if (unscaled == 0) scale = 0;
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        for (; scale < 0; scale++) {
            if (Math.abs(unscaled) > Long.MAX_VALUE / 10) {
                decimal(org.deleveraging.domain.Money.clean(d));
                return;
            }
            unscaled *= 10;
        }
        varlong(((long) scale << 2) + 1);  // the decimal format's tag for a long with this scale
        varlong((unscaled << 1) ^ (unscaled >> 63));
    }

    void number(double v) {
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) put((byte) (bits >>> (8 * i)));
    }

    void sentence(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        shape.setLength(0);
        int runs = 0;
        int hash = 0;  // String.hashCode of the shape, so that a known shape is found without making it a String
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == DIGITS) {
                varint(1);
                string(s);
                return;
            }
            if (isDigit(ch)) {
                if (i == 0 || !isDigit(s.charAt(i - 1))) {
                    shape.append(DIGITS);
                    hash = 31 * hash + DIGITS;
                    runs++;
                }
            } else {
                shape.append(ch);
                hash = 31 * hash + ch;
            }
        }
        if (runs == 0) {
            varint(1);
            string(s);
            return;
        }
        varint(2);
        int slot = dictionary.find(shape, hash);
        if (slot >= 0) {
            varint(dictionary.number(slot) + 1);
        } else {
            String known = shape.toString();
            define(dictionary.add(-slot - 1, known, hash), known);
        }
        for (int i = 0; i < s.length(); ) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && isDigit(s.charAt(end))) end++;
            int length = end - i;
            varint(length);
            if (length <= LONG_DIGITS) {
                long value = 0;
                for (int k = i; k < end; k++) value = value * 10 + (s.charAt(k) - '0');
                varlong(value);
            } else {
                for (int k = i; k < end; k++) put((byte) s.charAt(k));
            }
            i = end;
        }
    }

    static boolean isDigit(char ch) { return ch >= '0' && ch <= '9'; }

    private void varint(int v) {
        while ((v & ~0x7f) != 0) {
            put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    private void varlong(long v) {
        while ((v & ~0x7fL) != 0) {
            put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    private void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void put(byte b) {
        if (size == bytes.length) ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    /**
     * The chunk's strings and their numbers, by open addressing on String's own hash code: a HashMap boxed a number
     * and made a node per string, several million a run, and could not look up a shape still in a StringBuilder.
     */
    private static final class Dictionary {
        private String[] keys = new String[1 << 12];
        private int[] numbers = new int[1 << 12];
        private int[] slots = new int[1 << 11];  // by number
        private int size;

        void clear() {
            for (int i = 0; i < size; i++) keys[slots[i]] = null;
            size = 0;
        }

        /** The slot holding the text, or -(free slot) - 1 where it would go. */
        int find(CharSequence text, int hash) {
            int mask = keys.length - 1;
            for (int slot = home(hash); ; slot = (slot + 1) & mask) {
                String key = keys[slot];
                if (key == null) return -slot - 1;
                if (key.hashCode() == hash && key.contentEquals(text)) return slot;
            }
        }

        int number(int slot) { return numbers[slot]; }

        /** Adds the string at a free slot {@link #find} gave and returns its number. */
        int add(int slot, String key, int hash) {
            keys[slot] = key;
            numbers[slot] = size;
            if (size == slots.length) slots = Arrays.copyOf(slots, size * 2);
            slots[size] = slot;
            if (++size * 2 > keys.length) grow();
            return size - 1;
        }

        private int home(int hash) {
            return (int) ((hash * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
        }

        private void grow() {
            String[] old = keys;
            int[] oldSlots = slots;
            keys = new String[old.length * 2];
            numbers = new int[old.length * 2];
            int mask = keys.length - 1;
            for (int n = 0; n < size; n++) {
                String key = old[oldSlots[n]];
                int slot = home(key.hashCode());
                while (keys[slot] != null) slot = (slot + 1) & mask;
                keys[slot] = key;
                numbers[slot] = n;
                slots[n] = slot;
            }
        }
    }
}

package org.deleveraging.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads back, in the same order, the values a {@link ChunkEncoder} wrote (the format is described there). A chunk
 * that ends early or refers to a string it never defined is reported as damaged rather than read as something else.
 */
final class ChunkDecoder {
    private final byte[] bytes;
    private final List<String> dictionary = new ArrayList<>();
    private final StringBuilder sentence = new StringBuilder();
    private int at;

    ChunkDecoder(byte[] bytes) {
        this.bytes = bytes;
        if (bytes == null || bytes.length == 0) throw damaged("it is empty");
        if (bytes[0] != ChunkEncoder.FORMAT) throw damaged("its format is " + bytes[0] + ", this version reads "
                + ChunkEncoder.FORMAT);
        at = 1;
    }

    /** Whether every value has been read. */
    boolean atEnd() { return at == bytes.length; }

    int count() {
        int n = varint();
        if (n < 0) throw damaged("a count of " + (n & 0xffffffffL));
        return n;
    }

    int integer() {
        int v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    String string() {
        int ref = count();
        if (ref == 0) return null;
        if (ref <= dictionary.size()) return dictionary.get(ref - 1);
        if (ref != dictionary.size() + 1) throw damaged("string " + ref + " is used before it is defined");
        int length = count();
        need(length);
        String s = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        dictionary.add(s);
        return s;
    }

    BigDecimal decimal() {
        long tag = varlong();
        if (tag == 0) return null;
        tag -= 1;
        boolean big = (tag & 1) != 0;
        int zigzagScale = (int) (tag >>> 1);
        int scale = (zigzagScale >>> 1) ^ -(zigzagScale & 1);
        if (!big) {
            long v = varlong();
            return BigDecimal.valueOf((v >>> 1) ^ -(v & 1), scale);
        }
        int length = count();
        need(length);
        BigInteger unscaled = new BigInteger(Arrays.copyOfRange(bytes, at, at + length));
        at += length;
        return new BigDecimal(unscaled, scale);
    }

    double number() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) bits |= (bytes[at++] & 0xffL) << (8 * i);
        return Double.longBitsToDouble(bits);
    }

    String sentence() {
        int kind = varint();
        if (kind == 0) return null;
        if (kind == 1) return string();
        if (kind != 2) throw damaged("a sentence of kind " + kind);
        String shape = string();
        if (shape == null) throw damaged("a sentence without a shape");
        sentence.setLength(0);
        for (int i = 0; i < shape.length(); i++) {
            char ch = shape.charAt(i);
            if (ch != ChunkEncoder.DIGITS) {
                sentence.append(ch);
                continue;
            }
            int length = count();
            if (length <= 18) {
                String digits = Long.toString(varlong());
                for (int k = digits.length(); k < length; k++) sentence.append('0');
                sentence.append(digits);
            } else {
                need(length);
                for (int k = 0; k < length; k++) sentence.append((char) bytes[at++]);
            }
        }
        return sentence.toString();
    }

    private int varint() {
        long v = varlong();
        if (v > Integer.MAX_VALUE * 2L + 1) throw damaged("a number out of range");
        return (int) v;
    }

    private long varlong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = bytes[at++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
        throw damaged("a number longer than 64 bits");
    }

    private void need(int n) {
        if (n < 0 || at + n > bytes.length) throw damaged("it ends early");
    }

    private static StoreException damaged(String why) {
        return new StoreException("a stored chunk is damaged: " + why);
    }
}

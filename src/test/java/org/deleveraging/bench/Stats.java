package org.deleveraging.bench;

import java.util.Arrays;

/** Median and range of repeated timings. The spread is (max - min) / median: how far to trust the median. */
record Stats(int n, double medianMs, double minMs, double maxMs) {

    static Stats ofNanos(long[] nanos) {
        if (nanos.length == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        long[] s = nanos.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return new Stats(s.length, median / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6);
    }

    double spread() { return n < 2 ? 0 : (maxMs - minMs) / medianMs; }

    /** As the result line carries it: median, min, max in ms and the count. */
    String encode() { return String.format("%.1f/%.1f/%.1f/%d", medianMs, minMs, maxMs, n); }

    static Stats decode(String s) {
        String[] p = s.split("/");
        return new Stats(Integer.parseInt(p[3]), Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                Double.parseDouble(p[2]));
    }

    /** "991 ms (235-1339, n=5)": the median, and the range, which on a busy machine says more than a deviation. */
    String text() {
        if (n == 0) return "-";
        boolean seconds = medianMs >= 10_000;
        String unit = seconds ? " s" : " ms";
        double div = seconds ? 1000 : 1;
        String m = fmt(seconds ? "%.1f" : "%.0f", medianMs / div) + unit;
        if (n < 2) return m + " (n=1)";
        return m + fmt(seconds ? " (%.1f-%.1f, n=%d)" : " (%.0f-%.0f, n=%d)", minMs / div, maxMs / div, n);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }
}

package org.deleveraging.bench;

import java.util.Arrays;

/** Median and spread of repeated timings. The spread is (max - min) / median: how far to trust the median. */
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
        return new Stats(Integer.parseInt(p[3]), Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }

    /** "1234 ms ±5 % (n=3)", or seconds above ten seconds. */
    String text() {
        if (n == 0) return "-";
        String m = medianMs >= 10_000 ? String.format("%.1f s", medianMs / 1000) : String.format("%.0f ms", medianMs);
        return n < 2 ? m + " (n=1)" : String.format("%s ±%.0f %% (n=%d)", m, 100 * spread() / 2, n);
    }
}

package org.deleveraging.shell;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Pattern;

/** How numbers read in the shell: amounts with thousands separators and two decimals, shares as percentages. */
final class Show {
    private Show() {}

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    /** An amount in the settlement asset, to the cent (exact values stay in the store). */
    static String money(BigDecimal v) {
        if (v == null) return "-";
        return new DecimalFormat("#,##0.00", SYMBOLS).format(v.setScale(2, RoundingMode.HALF_EVEN));
    }

    /** A size or price: every significant digit, with thousands separators. */
    static String num(BigDecimal v) {
        if (v == null) return "-";
        BigDecimal s = v.stripTrailingZeros();
        DecimalFormat f = new DecimalFormat("#,##0", SYMBOLS);
        f.setMinimumFractionDigits(Math.max(0, s.scale()));
        f.setMaximumFractionDigits(Math.max(0, s.scale()));
        return f.format(s);
    }

    static String pct(double share) {
        if (Double.isNaN(share)) return "-";
        if (Double.isInfinite(share)) return "inf";
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String times(double x) {
        if (Double.isInfinite(x)) return "inf";
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    /** A score: at most 6 significant digits, no trailing zeros ({@code 0.46348167754374936} reads 0.463482). */
    static String significant(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return String.valueOf(x);
        String s = String.format(Locale.ROOT, "%.6g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    private static final Pattern SCORE = Pattern.compile("(?<=\\bscore )-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    /**
     * A rule's sentence with each {@code score N} shown to at most 6 significant digits (the engine writes every
     * digit).
     */
    static String scores(String reason) {
        if (reason == null) return "";
        return SCORE.matcher(reason).replaceAll(m -> significant(Double.parseDouble(m.group())));
    }

    static String millis(long ms) { return String.format(Locale.ROOT, "%.2f s", ms / 1000.0); }

    static String shortHash(String hash) { return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length())); }

    /** Five lights, lit from the left: "●●●○○". */
    static String lights(int lit) {
        int n = Math.max(0, Math.min(5, lit));
        return "#".repeat(n) + ".".repeat(5 - n);
    }
}

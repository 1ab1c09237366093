package org.deleveraging.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How numbers read in the report (amounts to the cent with thousands separators, shares in % to one decimal) and
 * how they are written to CSV (exact, plain notation, nothing rounded).
 */
final class Numbers {
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Numbers() {}

    static String show(Metric.Format format, Object v) {
        if (v == null) return "-";
        return switch (format) {
            case COUNT, TEXT -> String.valueOf(v);
            case MONEY -> money((BigDecimal) v);
            case SHARE -> pct(v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).doubleValue()));
            case INDEX -> ((BigDecimal) v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        };
    }

    static String money(BigDecimal v) {
        if (v == null) return "-";
        return new DecimalFormat("#,##0.00", SYMBOLS).format(v.setScale(2, RoundingMode.HALF_EVEN));
    }

    static String pct(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }

    static String exact(Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal b) return plain(b);
        return String.valueOf(v);
    }

    /** Plain notation without trailing zeros: what a spreadsheet and a notebook both read back exactly. */
    static String plain(BigDecimal b) {
        if (b == null) return "";
        BigDecimal s = b.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}

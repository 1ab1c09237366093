package org.deleveraging.cases;

import java.util.ArrayList;
import java.util.List;

/** Lays checks out as an aligned three-column table, a {@code ✗} before each line that differs. */
final class CheckTable {
    /** Above this many checks, a table lists only the ones that differ. */
    private static final int FULL_TABLE_LIMIT = 40;
    /** A table lists at most this many lines. */
    private static final int MAX_ROWS = 60;

    private CheckTable() {}

    static String render(List<Check> checks, String expectedHeader, String actualHeader) {
        List<Check> shown = new ArrayList<>();
        boolean all = checks.size() <= FULL_TABLE_LIMIT;
        for (Check c : checks) if (all || !c.ok()) shown.add(c);
        int hidden = Math.max(0, shown.size() - MAX_ROWS);
        if (hidden > 0) shown = shown.subList(0, MAX_ROWS);
        int w1 = "check".length();
        int w2 = expectedHeader.length();
        for (Check c : shown) {
            w1 = Math.max(w1, c.subject().length());
            w2 = Math.max(w2, c.expected().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(line("  ", "check", w1, expectedHeader, w2, actualHeader));
        for (Check c : shown) out.append(line(c.ok() ? "  " : "✗ ", c.subject(), w1, c.expected(), w2, c.actual()));
        if (hidden > 0) out.append("       ... and ").append(hidden).append(" more\n");
        return out.toString();
    }

    private static String line(String mark, String subject, int w1, String expected, int w2, String actual) {
        return "     " + mark + pad(subject, w1) + "   " + pad(expected, w2) + "   " + actual + "\n";
    }

    private static String pad(String s, int width) { return s + " ".repeat(Math.max(0, width - s.length())); }
}

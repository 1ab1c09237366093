package org.deleveraging.cases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a fresh run with the approved baseline, row by row and cell by cell: every figure that moved becomes a
 * line of the verdict ("step 3 · fund paid: approved 1200, now 0"); a section that did not move becomes one passing
 * line.
 */
final class BaselineComparison {
    private BaselineComparison() {}

    static List<Check> compare(BaselineFile.Parsed approved, BaselineFile.Parsed actual) {
        List<Check> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(approved.sections().keySet());
        names.addAll(actual.sections().keySet());
        for (String name : names) {
            BaselineFile.Section a = approved.sections().get(name);
            BaselineFile.Section b = actual.sections().get(name);
            if (a == null || b == null) {
                out.add(new Check("section [" + name + "]", a == null ? "absent" : "present",
                        b == null ? "absent" : "present", false));
                continue;
            }
            int before = out.size();
            compare(name, a, b, out);
            if (out.size() == before)
                out.add(new Check(name, rows(a) + " as approved", rows(b) + " as approved", true));
        }
        return out;
    }

    private static void compare(String name, BaselineFile.Section a, BaselineFile.Section b, List<Check> out) {
        if (a.columns() == null || !a.columns().equals(b.columns())) {
            out.add(new Check(name + " columns", String.valueOf(a.columns()), String.valueOf(b.columns()), false));
            return;
        }
        String[] cols = a.columns().split(",", -1);
        Set<String> keys = new LinkedHashSet<>(a.rows().keySet());
        keys.addAll(b.rows().keySet());
        String what = name.equals(BaselineFile.ACCOUNTS) ? "account" : name.equals(BaselineFile.STEPS) ? "step"
                : "fund";
        for (String key : keys) {
            String x = a.rows().get(key);
            String y = b.rows().get(key);
            if (x != null && x.equals(y)) continue;
            String subject = what + " " + key;
            if (x == null || y == null) {
                String absent = name.equals(BaselineFile.ACCOUNTS) ? "not touched" : "absent";
                out.add(new Check(subject, x == null ? absent : describe(cols, x),
                        y == null ? absent : describe(cols, y), false));
                continue;
            }
            String[] xs = x.split(",", -1);
            String[] ys = y.split(",", -1);
            for (int i = 1; i < cols.length; i++) {
                String xv = i < xs.length ? xs[i] : "";
                String yv = i < ys.length ? ys[i] : "";
                if (!xv.equals(yv)) out.add(new Check(subject + " · " + cols[i], xv, yv, false));
            }
        }
    }

    /** "equity start 100, equity end 0, ..." for a row that exists on one side only. */
    private static String describe(String[] cols, String row) {
        String[] cells = row.split(",", -1);
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < cols.length && i < cells.length; i++) parts.add(cols[i] + " " + cells[i]);
        return String.join(", ", parts);
    }

    private static String rows(BaselineFile.Section s) {
        return s.rows().size() + (s.rows().size() == 1 ? " row" : " rows");
    }
}

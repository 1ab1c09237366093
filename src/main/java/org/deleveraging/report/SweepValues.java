package org.deleveraging.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The values a varied key takes, in reading order: ascending when all are numbers, else as the sweep named them. */
final class SweepValues {
    private SweepValues() {}

    static List<String> ordered(List<String> values) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(values));
        if (out.stream().allMatch(SweepValues::isNumber)) out.sort((a, b) -> new BigDecimal(a).compareTo(
                new BigDecimal(b)));
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

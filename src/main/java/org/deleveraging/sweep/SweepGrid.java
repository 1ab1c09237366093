package org.deleveraging.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a sweep: for each policy in order, the product of its varied keys (the sweep's {@code vary}, then its
 * own), then of account sets, scenarios, severities, fund scales and seeds, the last varying fastest. The order, and
 * so every point's number, follows from the definition alone: a resumed sweep finds its points where it left them.
 */
public final class SweepGrid {
    private SweepGrid() {}

    public static List<SweepPoint> points(SweepDefinition def) {
        List<SweepPoint> out = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (SweepDefinition.Item s : def.seeds()) seeds.add(Long.parseLong(s.text()));
        if (seeds.isEmpty()) seeds.add(null);
        for (SweepDefinition.PolicyAxis p : def.policies()) {
            List<SweepDefinition.Axis> axes = axes(def, p);
            for (Map<String, String> changes : product(axes))
                for (SweepDefinition.Item set : def.accountSets())
                    for (SweepDefinition.Item scenario : def.scenarios())
                        for (SweepDefinition.Number severity : def.severities())
                            for (SweepDefinition.Number scale : def.fundScales())
                                for (Long seed : seeds)
                                    out.add(new SweepPoint(out.size() + 1, p.policy().text(), changes, set.text(),
                                            scenario.text(), severity.value(), scale.value(), seed));
        }
        return out;
    }

    /** The number of points, without making them (saturating: a grid too large to count is too large to run). */
    public static long size(SweepDefinition def) {
        long stress = times(times(times(times(def.accountSets().size(), def.scenarios().size()),
                def.severities().size()), def.fundScales().size()), Math.max(1, def.seeds().size()));
        long total = 0;
        for (SweepDefinition.PolicyAxis p : def.policies()) {
            long variants = 1;
            for (SweepDefinition.Axis a : axes(def, p)) variants = times(variants, a.values().size());
            total = Math.min(total + times(variants, stress), Long.MAX_VALUE / 2);
        }
        return total;
    }

    private static long times(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / 4 / b ? Long.MAX_VALUE / 4 : a * b;
    }

    /** The sweep's keys, then the policy's own; a key the policy varies itself replaces the sweep's. */
    static List<SweepDefinition.Axis> axes(SweepDefinition def, SweepDefinition.PolicyAxis p) {
        Map<String, SweepDefinition.Axis> byKey = new LinkedHashMap<>();
        for (SweepDefinition.Axis a : def.vary()) byKey.put(a.key(), a);
        for (SweepDefinition.Axis a : p.vary()) byKey.put(a.key(), a);
        return new ArrayList<>(byKey.values());
    }

    private static List<Map<String, String>> product(List<SweepDefinition.Axis> axes) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (SweepDefinition.Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out)
                for (SweepDefinition.Item v : a.values()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(a.key(), v.text());
                    next.add(m);
                }
            out = next;
        }
        return out;
    }
}

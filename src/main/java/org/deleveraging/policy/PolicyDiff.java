package org.deleveraging.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.MarginTier;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;

/**
 * What separates two policies: the settings and named parameters that differ, then the files that differ, with the
 * changed lines. A policy's own files are matched by their name inside its folder ({@code policy.yaml},
 * {@code extra.drl}); shared modules by their path under {@code rules/}.
 */
public record PolicyDiff(String left, String right, List<Change> parameters, List<FileChange> files) {

    /** One setting or parameter with a different value on each side ("-" where a side does not have it). */
    public record Change(String name, String left, String right) {}

    /** One file that is not the same on both sides; {@code lines} are "-n: text" / "+n: text" lines of a line diff. */
    public record FileChange(String file, String status, List<String> lines) {}

    public boolean same() { return parameters.isEmpty() && files.isEmpty(); }

    public static PolicyDiff between(Policy a, Policy b) {
        List<Change> params = new ArrayList<>();
        Map<String, Object> sb = SettingNames.of(b.settings());
        SettingNames.of(a.settings()).forEach((name, v) -> {
            String va = show(v);
            String vb = show(sb.get(name));
            if (!va.equals(vb)) params.add(new Change(name, va, vb));
        });
        TreeSet<String> names = new TreeSet<>(a.parameters().asMap().keySet());
        names.addAll(b.parameters().asMap().keySet());
        for (String n : names) {
            BigDecimal va = a.parameters().asMap().get(n);
            BigDecimal vb = b.parameters().asMap().get(n);
            if (va == null || vb == null || va.compareTo(vb) != 0)
                params.add(new Change("parameters." + n, va == null ? "-" : va.toPlainString(),
                        vb == null ? "-" : vb.toPlainString()));
        }
        Map<String, String> fa = byName(a);
        Map<String, String> fb = byName(b);
        TreeSet<String> files = new TreeSet<>(fa.keySet());
        files.addAll(fb.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String f : files) {
            String ta = fa.get(f);
            String tb = fb.get(f);
            if (ta == null) changes.add(new FileChange(f, "only in " + b.id(), List.of()));
            else if (tb == null) changes.add(new FileChange(f, "only in " + a.id(), List.of()));
            else if (!ta.equals(tb)) changes.add(new FileChange(f, "differs", lineDiff(ta, tb)));
        }
        return new PolicyDiff(a.id(), b.id(), params, changes);
    }

    private static Map<String, String> byName(Policy p) {
        Map<String, String> out = new LinkedHashMap<>();
        String own = "policies/" + p.id() + "/";
        for (PolicyFile f : p.files()) {
            String path = f.path().replace('\\', '/');
            int i = path.indexOf(own);
            int r = path.indexOf("rules/");
            String key = i >= 0 ? path.substring(i + own.length()) : r >= 0 ? path.substring(r) : path;
            out.put(key, f.content());
        }
        return out;
    }

    /** A setting as a risk officer reads it; a tier table as "floor: rate" pairs. */
    public static String show(Object v) {
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (v instanceof MarginSchedule m) {
            List<String> tiers = new ArrayList<>();
            for (MarginTier t : m.tiers())
                tiers.add(t.floor().stripTrailingZeros().toPlainString() + ": "
                        + t.maintenanceRate().stripTrailingZeros().toPlainString());
            return String.join(", ", tiers);
        }
        if (v instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            new java.util.TreeMap<>(map).forEach((k, x) -> parts.add(k + " [" + show(x) + "]"));
            return parts.isEmpty() ? "-" : String.join("; ", parts);
        }
        if (v instanceof Enum<?> e) return e.name().toLowerCase().replace('_', '-');
        return Objects.toString(v);
    }

    /** A line diff (Myers, as git's): lines only on the left as "-n: ", only on the right as "+n: ", removals first. */
    static List<String> lineDiff(String left, String right) {
        List<String> out = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(lines(left), lines(right)).getDeltas()) {
            numbered(out, "-", d.getSource());
            numbered(out, "+", d.getTarget());
        }
        return out;
    }

    private static List<String> lines(String text) { return Arrays.asList(text.split("\n", -1)); }

    private static void numbered(List<String> out, String sign, Chunk<String> chunk) {
        for (int k = 0; k < chunk.size(); k++) out.add(sign + (chunk.getPosition() + k + 1) + ": "
                + chunk.getLines().get(k));
    }
}

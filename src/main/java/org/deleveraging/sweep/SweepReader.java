package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.input.Bound;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;
import org.deleveraging.policy.PolicyVariant;

/**
 * Reads a sweep definition. Every error names {@code file:line: field}.
 *
 * <pre>
 * name: oct-10-frontier
 * description: three policies, two close prices, the crash from half to twice its size
 * policies:
 *   - bitmex
 *   - hyperliquid
 *   - policy: capped-pro-rata          # a policy with variations of its own
 *     vary:
 *       haircut.maxFraction: [0.5, 1]
 * vary:                                # every policy: a list, or a range { from, to, step }
 *   adl.closePrice: [bankruptcy, mark]
 * accounts: [demo]
 * scenarios: [oct-10, flash-shock]
 * severity: { from: 0.5, to: 2, step: 0.5 }
 * insuranceFundScale: [1]              # the scenario's opening funds multiplied (optional)
 * seeds: [1, 2]                        # optional: each scenario's own seed
 * </pre>
 *
 * What {@code vary} may name is {@link PolicyVariant#varies}: {@code parameters.<name>}, the settings a committee
 * tunes, {@code margin.rateMultiplier} and {@code adl.closePrice}. The grid is the product of every list; a point is
 * one run. A grid has at most {@link #MAX_POINTS} points.
 */
public final class SweepReader {
    public static final int MAX_POINTS = 100_000;
    private static final int MAX_RANGE = 1_000;
    private static final List<String> KEYS = List.of("name", "description", "policies", "vary", "accounts",
            "scenarios", "severity", "insuranceFundScale", "seeds");

    private SweepReader() {}

    public static SweepDefinition parse(String text, String source) {
        YamlNode root = YamlNode.parse(text, source);
        root.onlyKeys(KEYS);
        String name = root.get("name").text().trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))
            throw root.get("name").error("a sweep name is one word of letters, digits, '-', '_' or '.'");
        String description = root.opt("description").map(YamlNode::text).orElse("");
        List<SweepDefinition.PolicyAxis> policies = new ArrayList<>();
        for (YamlNode p : nonEmpty(root.get("policies"))) {
            if (p.isScalar()) {
                policies.add(new SweepDefinition.PolicyAxis(item(p), List.of()));
            } else {
                p.onlyKeys(List.of("policy", "vary"));
                List<SweepDefinition.Axis> own = p.opt("vary").map(SweepReader::axes).orElse(List.of());
                policies.add(new SweepDefinition.PolicyAxis(item(p.get("policy")), own));
            }
        }
        List<SweepDefinition.Axis> vary = root.opt("vary").map(SweepReader::axes).orElse(List.of());
        List<SweepDefinition.Item> sets = items(root.get("accounts"));
        List<SweepDefinition.Item> scenarios = items(root.get("scenarios"));
        List<SweepDefinition.Number> severities = root.opt("severity").map(n -> numbers(n, true))
                .orElse(List.of(new SweepDefinition.Number(BigDecimal.ONE, 0, "severity")));
        List<SweepDefinition.Number> scales = root.opt("insuranceFundScale").map(n -> numbers(n, false))
                .orElse(List.of(new SweepDefinition.Number(BigDecimal.ONE, 0, "insuranceFundScale")));
        List<SweepDefinition.Item> seeds = root.opt("seeds").map(SweepReader::items).orElse(List.of());
        for (SweepDefinition.Item seed : seeds)
            if (!seed.text().matches("-?[0-9]{1,18}"))
                throw new InputException(source, seed.line(), seed.field(), "a seed is a whole number, got '"
                        + seed.text() + "'");
        SweepDefinition def = new SweepDefinition(source, name, description, policies, vary, sets, scenarios,
                severities, scales, seeds);
        long points = SweepGrid.size(def);
        if (points > MAX_POINTS)
            throw new InputException(source, root.get("policies").line(), null, "the grid has " + points
                    + " points; a sweep runs at most " + MAX_POINTS);
        return def;
    }

    private static List<SweepDefinition.Axis> axes(YamlNode vary) {
        List<SweepDefinition.Axis> out = new ArrayList<>();
        Map<String, YamlNode> keys = new LinkedHashMap<>(vary.asMap());
        for (var e : keys.entrySet()) {
            String key = e.getKey();
            YamlNode values = e.getValue();
            if (!PolicyVariant.varies(key))
                throw values.error("a sweep varies parameters.<name>, " + String.join(", ", PolicyVariant.SETTINGS)
                        + ", " + PolicyVariant.RATE_MULTIPLIER + " or " + PolicyVariant.CLOSE_PRICE);
            List<SweepDefinition.Item> list = values.isMap()
                    ? numbers(values, false).stream().map(n -> new SweepDefinition.Item(
                            n.value().toPlainString(), n.line(), n.field())).toList()
                    : items(values);
            if (key.equals(PolicyVariant.RATE_MULTIPLIER))
                for (SweepDefinition.Item i : list) positive(i, vary.source());
            out.add(new SweepDefinition.Axis(key, list, values.line(), values.path()));
        }
        return out;
    }

    private static void positive(SweepDefinition.Item i, String source) {
        try {
            if (new BigDecimal(i.text()).signum() > 0) return;
        } catch (NumberFormatException e) {
            // below
        }
        throw new InputException(source, i.line(), i.field(), "a rate multiplier is a positive number, got '"
                + i.text() + "'");
    }

    /** A list of numbers, a single number, or a range {@code { from, to, step }} with both ends included. */
    private static List<SweepDefinition.Number> numbers(YamlNode n, boolean severity) {
        List<SweepDefinition.Number> out = new ArrayList<>();
        if (n.isMap()) {
            n.onlyKeys(List.of("from", "to", "step"));
            BigDecimal from = n.get("from").nonNegative(Bound.RATE);
            BigDecimal to = n.get("to").nonNegative(Bound.RATE);
            BigDecimal step = n.get("step").positive(Bound.RATE);
            if (to.compareTo(from) < 0) throw n.get("to").error("a range goes up: 'to' is below 'from'");
            long count = to.subtract(from).divideToIntegralValue(step).longValueExact() + 1;
            if (count > MAX_RANGE) throw n.get("step").error("the range has " + count + " values; at most "
                    + MAX_RANGE);
            for (long i = 0; i < count; i++)
                out.add(new SweepDefinition.Number(from.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros(),
                        n.line(), n.path()));
            return out;
        }
        for (YamlNode v : n.isList() ? nonEmpty(n) : List.of(n)) {
            BigDecimal value = v.nonNegative(Bound.RATE);
            if (!severity && value.signum() == 0) throw v.error("must be positive");
            out.add(new SweepDefinition.Number(value.stripTrailingZeros(), v.line(), v.path()));
        }
        return out;
    }

    private static List<SweepDefinition.Item> items(YamlNode n) {
        List<SweepDefinition.Item> out = new ArrayList<>();
        for (YamlNode v : n.isList() ? nonEmpty(n) : List.of(n)) out.add(item(v));
        List<String> seen = new ArrayList<>();
        for (SweepDefinition.Item i : out) {
            if (seen.contains(i.text()))
                throw new InputException(n.source(), i.line(), i.field(), "'" + i.text() + "' is listed twice");
            seen.add(i.text());
        }
        return out;
    }

    private static SweepDefinition.Item item(YamlNode v) {
        String text = v.text().trim();
        if (text.isEmpty()) throw v.error("empty");
        if (text.contains("\n")) throw v.error("one line, not several");
        return new SweepDefinition.Item(text, v.line(), v.path());
    }

    private static List<YamlNode> nonEmpty(YamlNode n) {
        List<YamlNode> list = n.asList();
        if (list.isEmpty()) throw n.error("give at least one");
        return list;
    }
}

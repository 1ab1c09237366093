package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.TickGrid;
import org.deleveraging.input.Bound;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;
import org.deleveraging.scenario.ScenarioCatalog;

/**
 * Reads a case's {@code when:} section: either inline marks, one entry a step (the first gives the marks the run
 * opens at; a later mark may be a move from it, {@code -10%}; {@code depth} thins the books for that step), or a
 * shipped scenario by name.
 *
 * <pre>
 * when:
 *   marks:
 *     - { XBTUSD: 660 }
 *     - { XBTUSD: -10%, depth: 0.01 }
 *   seed: 7                  # optional: fixes pseudo-random choices (dYdX's random start)
 * # or
 * when:
 *   scenario: oct-10         # insurance funds and backstop from the scenario unless given
 * </pre>
 */
final class WhenReader {
    /** The seed of inline cases that do not give one. */
    static final long DEFAULT_SEED = 7;
    private static final BigDecimal MINUS_ONE = BigDecimal.ONE.negate();

    private WhenReader() {}

    static Scenario read(YamlNode when, Given given, String name) {
        when.onlyKeys(List.of("marks", "scenario", "seed"));
        boolean inline = when.opt("marks").isPresent();
        if (inline == when.opt("scenario").isPresent())
            throw when.error(
                    "give either marks (inline steps) or scenario (a shipped scenario's name), not both or neither");
        Scenario scenario = inline ? inline(when.get("marks"), given, name) : named(when.get("scenario"), given);
        long seed = when.opt("seed").map(YamlNode::longValue).orElse(scenario.seed());
        return new Scenario(scenario.name(), scenario.description(), seed, scenario.steps(),
                given.insuranceFunds() != null ? given.insuranceFunds() : scenario.insuranceFunds(),
                given.insuranceFunds() != null ? Map.of() : scenario.insuranceFundShares(),
                given.backstop() != null ? given.backstop() : scenario.backstopCapital());
    }

    private static Scenario inline(YamlNode list, Given given, String name) {
        List<String> markets = new ArrayList<>(given.accounts().markets().keySet());
        List<ScenarioStep> steps = new ArrayList<>();
        Map<String, BigDecimal> start = null;
        for (YamlNode step : list.asList()) {
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            Map<String, BigDecimal> depth = new LinkedHashMap<>();
            for (var e : step.asMap().entrySet()) {
                if (e.getKey().equals("depth")) {
                    depth(e.getValue(), markets, depth);
                } else if (!markets.contains(e.getKey())) {
                    throw e.getValue().error("market " + e.getKey() + " is not among the given markets " + markets);
                } else {
                    BigDecimal mark = mark(e.getValue(), start == null ? null : start.get(e.getKey()));
                    Market market = given.accounts().market(e.getKey());
                    if (!TickGrid.onGrid(market, mark))
                        throw e.getValue().error((e.getValue().text().trim().endsWith("%") ? "comes to " : "")
                                + mark.toPlainString() + ", which is not on the tick grid of " + e.getKey() + " (tick "
                                + market.tickSize().toPlainString() + "): write " + market.toTick(mark).toPlainString()
                                + " or another multiple of the tick");
                    marks.put(e.getKey(), mark);
                }
            }
            for (String m : markets)
                if (!marks.containsKey(m))
                    throw new InputException(step.source(), step.line(), step.path() + "." + m,
                            "missing; every step gives a mark for every given market");
            if (start == null) start = marks;
            steps.add(new ScenarioStep(marks, depth));
        }
        if (steps.isEmpty()) throw list.error("give at least one step of marks");
        return new Scenario(name, "inline marks of a regression case", DEFAULT_SEED, steps, Map.of(), Map.of());
    }

    private static BigDecimal mark(YamlNode node, BigDecimal start) {
        String text = node.text().trim();
        if (!text.endsWith("%")) return node.positive(Bound.PRICE);
        if (start == null) throw node.error("the first step gives prices; a move like " + text
                + " needs one to move from");
        BigDecimal move = node.decimal(Bound.RATE);
        if (move.compareTo(MINUS_ONE) <= 0) throw node.error("a move of " + text + " takes the price to zero or below");
        return node.derived(Money.clean(start.multiply(BigDecimal.ONE.add(move))), Bound.PRICE);
    }

    private static void depth(YamlNode node, List<String> markets, Map<String, BigDecimal> out) {
        if (node.isScalar()) {
            BigDecimal all = node.positive(Bound.RATE);
            for (String m : markets) out.put(m, all);
            return;
        }
        node.asMap().forEach((m, v) -> {
            if (!markets.contains(m)) throw v.error("market " + m + " is not among the given markets " + markets);
            out.put(m, v.positive(Bound.RATE));
        });
    }

    private static Scenario named(YamlNode node, Given given) {
        String name = node.text().trim();
        Scenario s;
        try {
            s = ScenarioCatalog.load(name);
        } catch (InputException e) {
            throw node.error(e.getMessage());
        }
        for (String m : given.accounts().markets().keySet())
            if (!s.steps().get(0).marks().containsKey(m))
                throw node.error("scenario " + name + " gives no marks for market " + m + "; it moves "
                        + s.steps().get(0).marks().keySet());
        return s;
    }
}

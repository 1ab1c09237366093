package org.deleveraging.scenario;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.input.Bound;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;

/**
 * Reads a stress scenario from YAML. The file names the markets once, with their start marks (step 0); every later
 * step gives each of those markets a mark, either as an absolute price ({@code 105000}) or as a move from the start
 * mark ({@code -13%}), and may thin the books with a depth multiplier (one number for all markets, or per market).
 *
 * <pre>
 * name: flash-shock
 * description: BTC drops 10 % in one step and the books thin tenfold
 * seed: 42
 * start: { BTCUSDT: 100000, ETHUSDT: 4000 }
 * steps:
 *   - marks: { BTCUSDT: -10%, ETHUSDT: -12% }
 *     depth: 0.1
 * insuranceFunds: { BTCUSDT: 250000 }   # amounts: per market, or by asset: { USDT: 350000 }
 * insuranceFundShare: 1%                # the others: a share of each market's open interest
 *                                       # ({ ETHUSDT: 2% } per market)
 * backstopCapital: { USDT: 1000000 }
 * </pre>
 *
 * Every error is an {@link InputException} naming file, line and field: a step without a mark for one of the
 * markets, a mark for a market the scenario did not start, a price at or below zero, an unknown key.
 */
public final class ScenarioReader {
    private static final List<String> KEYS = List.of("name", "description", "seed", "start", "steps", "insuranceFunds",
            "insuranceFundShare", "backstopCapital");
    private static final List<String> STEP_KEYS = List.of("marks", "depth", "note");
    private static final BigDecimal MINUS_ONE = BigDecimal.ONE.negate();

    private ScenarioReader() {}

    /** Reads a scenario file; errors name the file as given. */
    public static Scenario load(Path file) {
        return read(YamlNode.load(file, file.toString().replace('\\', '/')));
    }

    /** Reads scenario text; {@code displayName} is the source errors name. */
    public static Scenario parse(String text, String displayName) {
        return read(YamlNode.parse(text, displayName));
    }

    public static Scenario read(YamlNode root) {
        root.onlyKeys(KEYS);
        String name = root.get("name").text().trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
            throw root.get("name").error("a scenario name is one word of letters, digits, '-', '_' or '.'");
        String description = root.opt("description").map(YamlNode::text).orElse("");
        long seed = root.opt("seed").map(YamlNode::longValue).orElse(0L);

        YamlNode startNode = root.get("start");
        Map<String, BigDecimal> start = new LinkedHashMap<>();
        startNode.asMap().forEach((market, price) -> start.put(market, price.positive(Bound.PRICE)));
        if (start.isEmpty()) throw startNode.error("name at least one market with its start mark");

        List<ScenarioStep> steps = new ArrayList<>();
        steps.add(new ScenarioStep(start, Map.of()));
        List<YamlNode> given = root.get("steps").asList();
        if (given.isEmpty()) throw root.get("steps")
                .error("give at least one step after start; a scenario without one moves nothing");
        for (YamlNode step : given) steps.add(step(step, start));

        Map<String, BigDecimal> funds = amounts(root, "insuranceFunds");
        Map<String, BigDecimal> shares = shares(root);
        Map<String, BigDecimal> backstop = amounts(root, "backstopCapital");
        return new Scenario(name, description, seed, steps, funds, shares, backstop);
    }

    private static ScenarioStep step(YamlNode step, Map<String, BigDecimal> start) {
        step.onlyKeys(STEP_KEYS);
        YamlNode marksNode = step.get("marks");
        Map<String, YamlNode> given = marksNode.asMap();
        for (var e : given.entrySet())
            if (!start.containsKey(e.getKey()))
                throw e.getValue().error("market " + e.getKey() + " is not in start; every market needs a start mark");
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        for (var e : start.entrySet()) {
            YamlNode mark = given.get(e.getKey());
            if (mark == null)
                throw new InputException(marksNode.source(), marksNode.line(), marksNode.path() + "." + e.getKey(),
                        "missing; every step gives a mark for every market");
            marks.put(e.getKey(), price(mark, e.getValue()));
        }
        Map<String, BigDecimal> depth = new LinkedHashMap<>();
        step.opt("depth").ifPresent(d -> {
            if (d.isScalar()) {
                BigDecimal all = d.positive(Bound.RATE);
                for (String market : start.keySet()) depth.put(market, all);
            } else {
                d.asMap().forEach((market, m) -> {
                    if (!start.containsKey(market)) throw m.error("market " + market + " is not in start");
                    depth.put(market, m.positive(Bound.RATE));
                });
            }
        });
        return new ScenarioStep(marks, depth);
    }

    /** An absolute price, or a move from the start mark written with a percent sign. */
    private static BigDecimal price(YamlNode mark, BigDecimal startMark) {
        String text = mark.text().trim();
        if (text.endsWith("%")) {
            BigDecimal move = mark.decimal(Bound.RATE);
            if (move.compareTo(MINUS_ONE) <= 0) throw mark.error("a move of " + text
                    + " takes the price to zero or below");
            return mark.derived(Money.clean(startMark.multiply(BigDecimal.ONE.add(move))), Bound.PRICE);
        }
        return mark.positive(Bound.PRICE);
    }

    /** One share for every market ({@code 1%}), or per market or settlement asset; each between 0 and 100 %. */
    private static Map<String, BigDecimal> shares(YamlNode root) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        root.opt("insuranceFundShare").ifPresent(n -> {
            if (n.isScalar()) out.put(Scenario.EVERY_MARKET, share(n));
            else n.asMap().forEach((k, v) -> out.put(k, share(v)));
        });
        return out;
    }

    private static BigDecimal share(YamlNode n) {
        BigDecimal share = n.nonNegative(Bound.RATE);
        if (share.compareTo(BigDecimal.ONE) > 0)
            throw n.error("a share of open interest is at most 100 % (write 1% or 0.01)");
        return share;
    }

    private static Map<String, BigDecimal> amounts(YamlNode root, String key) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        root.opt(key).ifPresent(n -> n.asMap().forEach((k, v) -> out.put(k, v.nonNegative(Bound.AMOUNT))));
        return out;
    }
}

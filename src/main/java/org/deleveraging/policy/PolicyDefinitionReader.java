package org.deleveraging.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.engine.PolicySettings.ClosePrice;
import org.deleveraging.engine.PolicySettings.FundGranularity;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.Period;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.input.Bound;
import org.deleveraging.input.YamlNode;

/** Reads and validates {@code policy.yaml}. Every error names the file, line and key. */
final class PolicyDefinitionReader {

    record Definition(String id, String name, int version, String description, List<Module> modules,
                      PolicySettings settings, Map<String, BigDecimal> parameters) {}

    /** A module as written under {@code modules:}, with its line, for errors about it. */
    record Module(String name, int line) {}

    static Definition read(YamlNode root) {
        root.onlyKeys(List.of("id", "name", "version", "description", "modules", "margin", "liquidation",
                "insuranceFund", "adl", "haircut", "parameters", "engine"));
        String id = root.get("id").text();
        if (!id.matches("[a-z0-9][a-z0-9-]*")) throw root.get("id").error("policy ids are lower-case words joined by '-'");
        String name = root.opt("name").map(YamlNode::text).orElse(id);
        int version = root.get("version").integer();
        String description = root.opt("description").map(YamlNode::text).orElse("");
        List<Module> modules = new ArrayList<>();
        root.opt("modules").ifPresent(m -> m.asList().forEach(n -> modules.add(new Module(n.text(), n.line()))));

        YamlNode margin = root.get("margin").onlyKeys(List.of("default", "markets"));
        MarginSchedule defaultMargin = schedule(margin.get("default"));
        Map<String, MarginSchedule> perMarket = new LinkedHashMap<>();
        margin.opt("markets").ifPresent(ms -> ms.asMap().forEach((k, v) -> perMarket.put(k, schedule(v))));

        YamlNode liq = root.get("liquidation").onlyKeys(List.of("orderLimit", "slippage", "surplusTo", "feeRate",
                "maxRounds", "closeOutMovesMark", "screen"));
        OrderLimit limit = liq.get("orderLimit").choice(OrderLimit.class);
        BigDecimal slippage = liq.opt("slippage").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ZERO);
        if (limit == OrderLimit.SLIPPAGE && slippage.signum() == 0) throw liq.get("slippage").error("must be positive with orderLimit: slippage");
        if (slippage.compareTo(BigDecimal.ONE) >= 0) throw liq.get("slippage").error("must be below 1 (a fraction of the mark)");
        SurplusTo surplus = liq.get("surplusTo").choice(SurplusTo.class);
        BigDecimal fee = liq.opt("feeRate").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ZERO);
        int maxRounds = liq.opt("maxRounds").map(YamlNode::integer).orElse(10);
        if (maxRounds < 1) throw liq.get("maxRounds").error("must be at least 1");
        boolean moves = liq.opt("closeOutMovesMark").map(YamlNode::bool).orElse(true);
        BigDecimal screen = liq.opt("screen").map(n -> n.positive(Bound.RATE)).orElse(BigDecimal.ONE);

        YamlNode fund = root.get("insuranceFund").onlyKeys(List.of("granularity", "windowSteps"));
        FundGranularity granularity = fund.get("granularity").choice(FundGranularity.class);
        int window = fund.opt("windowSteps").map(YamlNode::integer).orElse(8);
        if (window < 1) throw fund.get("windowSteps").error("must be at least 1");

        YamlNode adl = root.get("adl").onlyKeys(List.of("allocation", "closePrice", "blendBankruptcyWeight", "topN",
                "maxCandidates", "queueRefresh"));
        AdlAllocation allocation = adl.get("allocation").choice(AdlAllocation.class);
        ClosePrice close = adl.get("closePrice").choice(ClosePrice.class);
        BigDecimal blend = adl.opt("blendBankruptcyWeight").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ONE);
        if (blend.compareTo(BigDecimal.ONE) > 0) throw adl.get("blendBankruptcyWeight").error("must be between 0 and 1");
        int topN = adl.opt("topN").map(YamlNode::integer).orElse(10);
        int maxCandidates = adl.opt("maxCandidates").map(YamlNode::integer).orElse(Integer.MAX_VALUE);
        if (topN < 1) throw adl.get("topN").error("must be at least 1");
        if (maxCandidates < 1) throw adl.get("maxCandidates").error("must be at least 1");
        Period refresh = adl.opt("queueRefresh").map(n -> n.choice(Period.class)).orElse(Period.STEP);

        BigDecimal severity = BigDecimal.ONE;
        BigDecimal maxFraction = BigDecimal.ONE;
        boolean protect = false;
        Period settle = Period.STEP;
        if (root.opt("haircut").isPresent()) {
            YamlNode h = root.get("haircut").onlyKeys(List.of("severity", "maxFraction", "protectMaintenance", "settle"));
            settle = h.opt("settle").map(n -> n.choice(Period.class)).orElse(Period.STEP);
            severity = h.opt("severity").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ONE);
            maxFraction = h.opt("maxFraction").map(n -> n.nonNegative(Bound.RATE)).orElse(BigDecimal.ONE);
            if (severity.compareTo(BigDecimal.ONE) > 0) throw h.get("severity").error("must be between 0 and 1");
            if (maxFraction.compareTo(BigDecimal.ONE) > 0) throw h.get("maxFraction").error("must be between 0 and 1");
            protect = h.opt("protectMaintenance").map(YamlNode::bool).orElse(false);
        }

        Map<String, BigDecimal> parameters = new LinkedHashMap<>();
        root.opt("parameters").ifPresent(p -> p.asMap().forEach((k, v) -> parameters.put(k, v.decimal())));
        int firing = 20;
        int inserts = PolicySettings.DEFAULT_INSERT_LIMIT_PER_FACT;
        int seconds = PolicySettings.DEFAULT_TIME_LIMIT_SECONDS;
        if (root.opt("engine").isPresent()) {
            YamlNode e = root.get("engine").onlyKeys(List.of("firingLimitPerFact", "insertLimitPerFact", "timeLimitSeconds"));
            firing = e.opt("firingLimitPerFact").map(n -> between(n, 1, 1000)).orElse(firing);
            inserts = e.opt("insertLimitPerFact").map(n -> between(n, 1, 1000)).orElse(inserts);
            seconds = e.opt("timeLimitSeconds").map(n -> between(n, 1, 600)).orElse(seconds);
        }
        PolicySettings settings = new PolicySettings(perMarket, defaultMargin, limit, slippage, surplus, fee, maxRounds,
                moves, granularity, window, allocation, close, blend, topN, maxCandidates, severity, maxFraction,
                protect, firing, screen, refresh, settle, inserts, seconds);
        return new Definition(id, name, version, description, modules, settings, parameters);
    }

    /** A whole number from {@code min} to {@code max}; however large, a number beyond them is out of range. */
    private static int between(YamlNode n, int min, int max) {
        BigDecimal v = n.unchecked();
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0)
            throw n.error("expected a whole number, got '" + n.text() + "'");
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0)
            throw n.error("must be between " + min + " and " + max);
        return v.intValueExact();
    }

    /**
     * A tier table: floors strictly increasing from 0, rates non-negative and non-decreasing. With
     * {@code deductions: false} the whole notional pays its tier's rate (BitMEX); by default maintenance amounts keep
     * MM continuous across tiers (Binance, Hyperliquid).
     */
    static MarginSchedule schedule(YamlNode node) {
        node.onlyKeys(List.of("tiers", "deductions"));
        boolean deductions = node.opt("deductions").map(YamlNode::bool).orElse(true);
        List<YamlNode> tiers = node.get("tiers").asList();
        if (tiers.isEmpty()) throw node.get("tiers").error("needs at least one tier");
        List<BigDecimal> floors = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        for (YamlNode t : tiers) {
            t.onlyKeys(List.of("floor", "rate"));
            BigDecimal floor = t.get("floor").nonNegative(Bound.AMOUNT);
            BigDecimal rate = t.get("rate").nonNegative(Bound.RATE);
            if (rate.compareTo(BigDecimal.ONE) > 0) throw t.get("rate").error("a maintenance rate above 100% is not a rate");
            if (floors.isEmpty() && floor.signum() != 0) throw t.get("floor").error("the first tier must start at 0");
            if (!floors.isEmpty() && floor.compareTo(floors.get(floors.size() - 1)) <= 0)
                throw t.get("floor").error("tier floors must increase; " + floor.toPlainString() + " follows "
                        + floors.get(floors.size() - 1).toPlainString());
            if (!rates.isEmpty() && rate.compareTo(rates.get(rates.size() - 1)) < 0)
                throw t.get("rate").error("maintenance rates must not fall as notional grows; " + rate.toPlainString()
                        + " follows " + rates.get(rates.size() - 1).toPlainString());
            floors.add(floor);
            rates.add(rate);
        }
        return deductions ? MarginSchedule.of(floors, rates) : MarginSchedule.stepped(floors, rates);
    }
}

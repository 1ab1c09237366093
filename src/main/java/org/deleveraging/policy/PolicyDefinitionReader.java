package org.deleveraging.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.engine.PolicySettings.Adl;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.engine.PolicySettings.Budget;
import org.deleveraging.engine.PolicySettings.FeeToClose;
import org.deleveraging.engine.PolicySettings.FundGranularity;
import org.deleveraging.engine.PolicySettings.Haircut;
import org.deleveraging.engine.PolicySettings.InsuranceFund;
import org.deleveraging.engine.PolicySettings.Liquidation;
import org.deleveraging.engine.PolicySettings.Margin;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.Period;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.input.Bound;
import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;

/** Reads and validates {@code policy.yaml}. Every error names the file, line and key. */
final class PolicyDefinitionReader {

    record Definition(String id, String name, int version, String description, List<Module> modules,
                      PolicySettings settings, Map<String, BigDecimal> parameters) {}

    /** A module as written under {@code modules:}, with its line, for errors about it. */
    record Module(String name, int line) {}

    /** Reads {@code policy.yaml}; every mistake in it is reported at once, one line each. */
    static Definition read(YamlNode root) {
        Problems problems = new Problems();
        Definition d = read(root, problems);
        problems.throwIfAny();
        return d;
    }

    /**
     * Reads {@code policy.yaml}, adding each mistake to {@code problems} and reading the field as its default, so that
     * one pass finds them all. The definition returned is only meaningful when no problem was found.
     */
    static Definition read(YamlNode root, Problems p) {
        p.check(() -> root.onlyKeys(List.of("id", "name", "version", "description", "modules", "margin", "liquidation",
                "insuranceFund", "adl", "haircut", "parameters", "engine")));
        String id = p.read(() -> {
            String v = root.get("id").text();
            if (!v.matches("[a-z0-9][a-z0-9-]*")) throw root.get("id")
                    .error("policy ids are lower-case words joined by '-'");
            return v;
        }, "");
        String name = p.read(() -> root.opt("name").map(YamlNode::text).orElse(id), id);
        int version = p.read(() -> root.get("version").integer(), 0);
        String description = p.read(() -> root.opt("description").map(YamlNode::text).orElse(""), "");
        List<Module> modules = modules(root, p);
        // in this order: messages about one line come out in the order they are found
        Margin margin = margin(root, p);
        Liquidation liquidation = liquidation(root, p);
        InsuranceFund fund = insuranceFund(root, p);
        Adl adl = adl(root, p);
        Haircut haircut = haircut(root, p);
        Map<String, BigDecimal> parameters = parameters(root, p);
        Budget budget = engine(root, p);
        PolicySettings settings = new PolicySettings(margin, liquidation, fund, adl, haircut, budget);
        return new Definition(id, name, version, description, modules, settings, parameters);
    }

    private static List<Module> modules(YamlNode root, Problems p) {
        List<Module> modules = new ArrayList<>();
        root.opt("modules").ifPresent(m -> p.read(() -> m.asList(), List.<YamlNode>of())
                .forEach(n -> p.check(() -> modules.add(new Module(n.text(), n.line())))));
        return modules;
    }

    private static Margin margin(YamlNode root, Problems p) {
        Map<String, MarginSchedule> perMarket = new LinkedHashMap<>();
        YamlNode margin = p.read(() -> root.get("margin"), null);
        if (margin == null) return new Margin(null, perMarket);
        p.check(() -> margin.onlyKeys(List.of("default", "markets")));
        MarginSchedule defaultSchedule = p.read(() -> schedule(margin.get("default")), null);
        margin.opt("markets").ifPresent(ms -> p.read(ms::asMap, Map.<String, YamlNode>of())
                .forEach((k, v) -> p.check(() -> perMarket.put(k, schedule(v)))));
        return new Margin(defaultSchedule, perMarket);
    }

    private static Liquidation liquidation(YamlNode root, Problems p) {
        YamlNode liq = section(root, "liquidation", p, "orderLimit", "slippage", "surplusTo", "feeRate", "maxRounds",
                "closeOutMovesMark", "screen", "feeToClose");
        OrderLimit limit = required(liq, p, "orderLimit", n -> n.choice(OrderLimit.class), OrderLimit.BANKRUPTCY);
        BigDecimal slippage = optional(liq, p, "slippage", n -> n.nonNegative(Bound.RATE), BigDecimal.ZERO);
        if (liq != null) p.check(() -> {
            if (limit == OrderLimit.SLIPPAGE && slippage.signum() == 0)
                throw liq.get("slippage").error("must be positive with orderLimit: slippage");
            if (slippage.compareTo(BigDecimal.ONE) >= 0) throw liq.get("slippage")
                    .error("must be below 1 (a fraction of the mark)");
        });
        SurplusTo surplus = required(liq, p, "surplusTo", n -> n.choice(SurplusTo.class), SurplusTo.INSURANCE_FUND);
        BigDecimal fee = optional(liq, p, "feeRate", n -> n.nonNegative(Bound.RATE), BigDecimal.ZERO);
        int maxRounds = optional(liq, p, "maxRounds", n -> atLeast(n, 1), 10);
        boolean moves = optional(liq, p, "closeOutMovesMark", YamlNode::bool, true);
        BigDecimal screen = optional(liq, p, "screen", n -> n.positive(Bound.RATE), BigDecimal.ONE);
        return new Liquidation(limit, slippage, surplus, fee, feeToClose(liq, p), maxRounds, moves, screen);
    }

    private static FeeToClose feeToClose(YamlNode liq, Problems p) {
        YamlNode toClose = liq == null ? null : p.read(() -> liq.opt("feeToClose")
                .map(n -> n.onlyKeys(List.of("rate", "inMaintenance"))).orElse(null), null);
        BigDecimal rate = optional(toClose, p, "rate", PolicyDefinitionReader::closeFeeRate, BigDecimal.ZERO);
        boolean inMaintenance = optional(toClose, p, "inMaintenance", YamlNode::bool, false);
        return new FeeToClose(rate, inMaintenance);
    }

    private static InsuranceFund insuranceFund(YamlNode root, Problems p) {
        YamlNode fund = section(root, "insuranceFund", p, "granularity", "windowSteps");
        FundGranularity granularity = required(fund, p, "granularity", n -> n.choice(FundGranularity.class),
                FundGranularity.PER_MARKET);
        int window = optional(fund, p, "windowSteps", n -> atLeast(n, 1), 8);
        return new InsuranceFund(granularity, window);
    }

    private static Adl adl(YamlNode root, Problems p) {
        YamlNode adl = section(root, "adl", p, "allocation", "closePrice", "blendBankruptcyWeight", "topN",
                "maxCandidates", "queueRefresh");
        // issue 23: the close price is a rule now; a file written before says where it went
        if (adl != null) for (String moved : List.of("closePrice", "blendBankruptcyWeight"))
            adl.opt(moved).ifPresent(n -> p.check(() -> {
                throw n.error(
                        "the ADL close price is decided by rules now: list a module of rules/adl-price/ (bankruptcy,"
                        + " mark, previous-mark, or blend with the parameter blendBankruptcyWeight) instead");
            }));
        AdlAllocation allocation = required(adl, p, "allocation", n -> n.choice(AdlAllocation.class),
                AdlAllocation.QUEUE);
        int topN = optional(adl, p, "topN", n -> atLeast(n, 1), 10);
        int maxCandidates = optional(adl, p, "maxCandidates", n -> atLeast(n, 1), Integer.MAX_VALUE);
        Period refresh = optional(adl, p, "queueRefresh", n -> n.choice(Period.class), Period.STEP);
        return new Adl(allocation, topN, maxCandidates, refresh);
    }

    /** Optional as a whole, unlike the sections before it. */
    private static Haircut haircut(YamlNode root, Problems p) {
        YamlNode haircut = root.opt("haircut").isPresent() ? section(root, "haircut", p, "severity", "maxFraction",
                "protectMaintenance", "settle") : null;
        Period settle = optional(haircut, p, "settle", n -> n.choice(Period.class), Period.STEP);
        BigDecimal severity = optional(haircut, p, "severity", PolicyDefinitionReader::fraction, BigDecimal.ONE);
        BigDecimal maxFraction = optional(haircut, p, "maxFraction", PolicyDefinitionReader::fraction, BigDecimal.ONE);
        boolean protect = optional(haircut, p, "protectMaintenance", YamlNode::bool, false);
        return new Haircut(severity, maxFraction, protect, settle);
    }

    private static Map<String, BigDecimal> parameters(YamlNode root, Problems p) {
        Map<String, BigDecimal> parameters = new LinkedHashMap<>();
        root.opt("parameters").ifPresent(ps -> p.read(ps::asMap, Map.<String, YamlNode>of())
                // a parameter whose value is wrong is still declared: the rules that use it are not wrong too
                .forEach((k, v) -> parameters.put(k, p.read(v::decimal, BigDecimal.ZERO))));
        return parameters;
    }

    /** The rules' budget; optional as a whole. */
    private static Budget engine(YamlNode root, Problems p) {
        YamlNode engine = root.opt("engine").isPresent() ? section(root, "engine", p, "firingLimitPerFact",
                "insertLimitPerFact", "timeLimitSeconds") : null;
        int firing = optional(engine, p, "firingLimitPerFact", n -> between(n, 1, 1000), 20);
        int inserts = optional(engine, p, "insertLimitPerFact", n -> between(n, 1, 1000),
                Budget.DEFAULT_INSERT_LIMIT_PER_FACT);
        int seconds = optional(engine, p, "timeLimitSeconds", n -> between(n, 1, 600),
                Budget.DEFAULT_TIME_LIMIT_SECONDS);
        return new Budget(firing, inserts, seconds);
    }

    /**
     * Mistakes found so far. A field that is wrong is reported and read as its default, so that one pass over the file
     * finds every mistake in it; the messages come out in the order of the file's lines.
     */
    static final class Problems {
        private final List<InputException> found = new ArrayList<>();

        <T> T read(java.util.function.Supplier<T> field, T fallback) {
            try {
                return field.get();
            } catch (InputException e) {
                found.add(e);
                return fallback;
            }
        }

        void check(Runnable rule) {
            read(() -> {
                rule.run();
                return null;
            }, null);
        }

        void add(InputException e) { found.add(e); }

        boolean any() { return !found.isEmpty(); }

        int count() { return found.size(); }

        /** Every message, one line each: file by file in the order they were read, by line within a file. */
        List<String> messages() {
            List<String> sources = new ArrayList<>();
            for (InputException e : found) if (!sources.contains(String.valueOf(e.source()))) sources.add(
                    String.valueOf(e.source()));
            return found.stream().sorted(
                    java.util.Comparator.comparingInt((InputException e) -> sources.indexOf(String.valueOf(e.source())))
                    .thenComparingInt(InputException::line)).map(Throwable::getMessage).distinct().toList();
        }

        /** One mistake (however often it was met) keeps its file, line and field; several are one line each. */
        void throwIfAny() {
            List<String> messages = messages();
            if (messages.size() == 1) throw found.get(0);
            if (any()) throw new InputException(String.join("\n", messages));
        }
    }

    /**
     * A section, checked for keys it should not have; null when it is missing (reported once: its fields are then read
     * as their defaults, not reported one by one as missing too).
     */
    private static YamlNode section(YamlNode root, String key, Problems p, String... keys) {
        YamlNode node = p.read(() -> root.get(key), null);
        if (node != null) p.check(() -> node.onlyKeys(List.of(keys)));
        return node;
    }

    private static <T> T required(YamlNode section, Problems p, String key, java.util.function.Function<YamlNode,
            T> read, T fallback) {
        if (section == null) return fallback;
        return p.read(() -> read.apply(section.get(key)), fallback);
    }

    private static <T> T optional(YamlNode section, Problems p, String key, java.util.function.Function<YamlNode,
            T> read, T fallback) {
        if (section == null) return fallback;
        return p.read(() -> section.opt(key).map(read).orElse(fallback), fallback);
    }

    private static int atLeast(YamlNode n, int min) {
        int v = n.integer();
        if (v < min) throw n.error("must be at least " + min);
        return v;
    }

    /** A taker fee: below 1 % (a fee above that is a mistake in the file, not a venue's). */
    private static BigDecimal closeFeeRate(YamlNode n) {
        BigDecimal v = n.nonNegative(Bound.RATE);
        if (v.compareTo(new BigDecimal("0.01")) >= 0) throw n.error(
                "a fee to close is below 1% (write 0.00055 for 0.055%)");
        return v;
    }

    private static BigDecimal fraction(YamlNode n) {
        BigDecimal v = n.nonNegative(Bound.RATE);
        if (v.compareTo(BigDecimal.ONE) > 0) throw n.error("must be between 0 and 1");
        return v;
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
     * MM continuous across tiers (Binance, Hyperliquid). {@code valueAt: entry} reads the table with the position's
     * value at its entry price ({@link MarginSchedule#chargedAtEntry}); by default, at the mark.
     */
    static MarginSchedule schedule(YamlNode node) {
        node.onlyKeys(List.of("tiers", "deductions", "valueAt"));
        boolean deductions = node.opt("deductions").map(YamlNode::bool).orElse(true);
        boolean atEntry = node.opt("valueAt").map(v -> {
            String t = v.text().trim();
            if (!t.equals("entry") && !t.equals("mark")) throw v.error("expected entry or mark, got '" + t + "'");
            return t.equals("entry");
        }).orElse(false);
        List<YamlNode> tiers = node.get("tiers").asList();
        if (tiers.isEmpty()) throw node.get("tiers").error("needs at least one tier");
        List<BigDecimal> floors = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        for (YamlNode t : tiers) {
            t.onlyKeys(List.of("floor", "rate"));
            BigDecimal floor = t.get("floor").nonNegative(Bound.AMOUNT);
            BigDecimal rate = t.get("rate").nonNegative(Bound.RATE);
            if (rate.compareTo(BigDecimal.ONE) > 0) throw t.get("rate")
                    .error("a maintenance rate above 100% is not a rate");
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
        MarginSchedule table = deductions ? MarginSchedule.of(floors, rates) : MarginSchedule.stepped(floors, rates);
        return atEntry ? table.atEntry() : table;
    }
}

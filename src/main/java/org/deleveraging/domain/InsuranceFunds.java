package org.deleveraging.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opening insurance funds of a run: what a scenario gives as amounts, and otherwise a share of the account set's
 * open interest, so that one scenario sizes the fund of a 3,000-account book and of a 500,000-account book alike.
 *
 * <p>The stated rule (issue 22): a market's fund is its amount in {@code insuranceFunds} if the scenario names the
 * market (or, for a shared pool, its settlement asset); else {@code insuranceFundShare} (for the market, else for its
 * settlement asset, else the scenario's one share) times the market's <em>open interest</em>, which is half the sum
 * of every position's value at the scenario's start marks (one side of a balanced book, in the settlement asset),
 * rounded down to 1e-8 of the asset; else zero. Each venue publishes its fund's balance (e.g. Binance:
 * https://www.binance.com/en/futures/funding-history/perpetual/insurance-fund) and its open interest; their ratio is
 * the share a committee states.
 */
public final class InsuranceFunds {
    private static final int SCALE = 8;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private InsuranceFunds() {}

    /** The opening fund of each market of {@code set}, keyed by symbol, in the market's settlement asset. */
    public static Map<String, BigDecimal> perMarket(Scenario scenario, AccountSet set) {
        Map<String, BigDecimal> openInterest = openInterest(scenario, set);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Market m : set.markets().values()) {
            BigDecimal amount = scenario.insuranceFunds().get(m.symbol());
            if (amount == null) amount = fromShare(scenario, m, openInterest.getOrDefault(m.symbol(), BigDecimal.ZERO));
            out.put(m.symbol(), amount);
        }
        return out;
    }

    /**
     * The opening fund of one shared pool per settlement asset: the scenario's amount for the asset if it gives one,
     * else the sum of its markets' funds as {@link #perMarket} sizes them.
     */
    public static Map<String, BigDecimal> perAsset(Scenario scenario, AccountSet set) {
        Map<String, BigDecimal> markets = perMarket(scenario, set);
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Market m : set.markets().values())
            out.merge(m.settlementAsset(), markets.get(m.symbol()), BigDecimal::add);
        out.replaceAll((asset, sum) -> scenario.insuranceFunds().getOrDefault(asset, Money.clean(sum)));
        return out;
    }

    /** Half the sum of the values of every position of each market at the start marks (one side of a balanced book). */
    public static Map<String, BigDecimal> openInterest(Scenario scenario, AccountSet set) {
        Map<String, BigDecimal> start = scenario.steps().get(0).marks();
        Map<String, BigDecimal> gross = new LinkedHashMap<>();
        for (Account a : set.accounts())
            for (Position p : a.positions()) {
                BigDecimal mark = start.get(p.market());
                if (mark == null) continue; // a market the scenario does not move has no fund to size from it
                gross.merge(p.market(), set.market(p.market()).value(p.size(), mark), BigDecimal::add);
            }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        gross.forEach((market, v) -> out.put(market, Money.clean(v.divide(TWO, SCALE, RoundingMode.DOWN))));
        return out;
    }

    private static BigDecimal fromShare(Scenario scenario, Market m, BigDecimal openInterest) {
        Map<String, BigDecimal> shares = scenario.insuranceFundShares();
        BigDecimal share = shares.get(m.symbol());
        if (share == null) share = shares.get(m.settlementAsset());
        if (share == null) share = shares.get(Scenario.EVERY_MARKET);
        if (share == null) return BigDecimal.ZERO;
        return Money.clean(openInterest.multiply(share).setScale(SCALE, RoundingMode.DOWN));
    }
}

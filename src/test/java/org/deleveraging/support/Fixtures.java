package org.deleveraging.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.policy.Policy;
import org.deleveraging.policy.PolicyLoader;

/** Small builders for tests: markets, accounts, one-market scenarios, and the shipped policies. */
public final class Fixtures {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Map<String, Policy> POLICIES = new java.util.concurrent.ConcurrentHashMap<>();

    private Fixtures() {}

    public static BigDecimal d(String v) { return new BigDecimal(v); }

    public static BigDecimal d(long v) { return BigDecimal.valueOf(v); }

    /** A linear USDT market with a deep book unless told otherwise. */
    public static Market linear(String symbol, String tick, String lot, String depthPerPercent) {
        return new Market(symbol, ContractType.LINEAR, "USDT", d(tick), d(lot), BigDecimal.ONE,
                new Liquidity(d(depthPerPercent), d(depthPerPercent), d("0.5")));
    }

    public static Market linear(String symbol) { return linear(symbol, "0.5", "1", "1000000000"); }

    public static Position pos(String market, Side side, String size, String entry) {
        return new Position(market, side, d(size), d(entry), BigDecimal.ZERO);
    }

    public static Position isolated(String market, Side side, String size, String entry, String margin) {
        return new Position(market, side, d(size), d(entry), d(margin));
    }

    public static Account cross(String id, String wallet, Position... positions) {
        return new Account(id, MarginMode.CROSS, d(wallet), List.of(positions));
    }

    public static Account isolatedAccount(String id, String wallet, Position... positions) {
        return new Account(id, MarginMode.ISOLATED, d(wallet), List.of(positions));
    }

    public static AccountSet set(List<Market> markets, List<Account> accounts) {
        Map<String, Market> m = new LinkedHashMap<>();
        for (Market x : markets) m.put(x.symbol(), x);
        return new AccountSet("test", m, accounts);
    }

    public static AccountSet set(Market market, Account... accounts) { return set(List.of(market), List.of(accounts)); }

    /** A scenario over one market: one step per mark given. */
    public static Scenario marks(String market, Map<String, BigDecimal> funds, String... marks) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (String m : marks) steps.add(new ScenarioStep(Map.of(market, d(m)), Map.of()));
        return new Scenario("test", "", 7, steps, funds, Map.of());
    }

    public static Scenario scenario(List<ScenarioStep> steps, Map<String, BigDecimal> funds, Map<String,
            BigDecimal> backstop) {
        return new Scenario("test", "", 7, steps, funds, backstop);
    }

    /** A shipped policy from policies/, compiled once per test JVM. */
    public static Policy policy(String id) {
        return POLICIES.computeIfAbsent(id,
                k -> new PolicyLoader(ROOT.resolve("rules")).load(ROOT.resolve("policies").resolve(k)));
    }

    public static RunResult run(Policy policy, AccountSet set, Scenario scenario) {
        return new Engine()
                .run(policy.settings(), policy.newDecisions(), set, scenario, scenario.seed(), RunListener.NONE);
    }
}

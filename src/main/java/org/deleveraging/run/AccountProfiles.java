package org.deleveraging.run;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;

/**
 * Measures every account of a set against a scenario's nominal marks, before any policy acts. The marks a run
 * records move with its own liquidations (price impact differs per policy); the scenario's marks do not, which is
 * what lets the report put the same accounts in the same buckets for every run it compares.
 */
public final class AccountProfiles {
    private AccountProfiles() {}

    /** One profile per account of the set, in the set's order. */
    public static Map<String, AccountProfile> of(AccountSet set, Scenario scenario) {
        Map<String, BigDecimal> start = scenario.steps().get(0).marks();
        Map<String, BigDecimal> stress = stressStep(scenario).marks();
        Map<String, AccountProfile> out = new LinkedHashMap<>();
        for (Account a : set.accounts()) {
            BigDecimal equity = a.walletBalance();
            BigDecimal notional = BigDecimal.ZERO;
            BigDecimal profit = BigDecimal.ZERO;
            for (Position p : a.positions()) {
                Market m = set.market(p.market());
                BigDecimal mark = start.get(p.market());
                equity = equity.add(p.isolatedMargin()).add(m.pnl(p.side(), p.size(), p.entryPrice(), mark));
                notional = notional.add(m.notional(p.size(), mark));
                profit = profit.add(m.pnl(p.side(), p.size(), p.entryPrice(), stress.get(p.market())));
            }
            BigDecimal leverage = equity.signum() <= 0 ? null
                    : notional.signum() == 0 ? BigDecimal.ZERO : Money.divide(notional, equity);
            out.put(a.id(), new AccountProfile(a.id(), Money.clean(equity), leverage, Money.clean(profit)));
        }
        return out;
    }

    /**
     * The step whose marks lie furthest from the start, by the sum over markets of the absolute relative move: the
     * moment of the scenario when winners are biggest and ADL is likeliest. The earliest such step on a tie.
     */
    public static ScenarioStep stressStep(Scenario scenario) {
        List<ScenarioStep> steps = scenario.steps();
        Map<String, BigDecimal> start = steps.get(0).marks();
        ScenarioStep best = steps.get(0);
        BigDecimal bestMove = BigDecimal.ZERO;
        for (ScenarioStep step : steps) {
            BigDecimal move = BigDecimal.ZERO;
            for (var e : start.entrySet())
                move = move.add(Money.divide(step.marks().get(e.getKey()).subtract(e.getValue()), e.getValue()).abs());
            if (move.compareTo(bestMove) > 0) {
                best = step;
                bestMove = move;
            }
        }
        return best;
    }
}

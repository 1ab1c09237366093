package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/** The hyperliquid policy end to end: the liquidator vault below 2/3 of maintenance, and ADL at the previous mark. */
class HyperliquidBackstopTest {

    /**
     * BTCUSDT falls from 100,000 to 98,800, where a 1 BTC long needs maintenance 1.25% = 1,235 and two thirds of it
     * is 823.33. Both longs entered at 100,000. "market" (wallet 2,100) has 900: above two thirds, so it sells its
     * 1 BTC in the deep book at 98,800 and keeps its 900. "vaulted" (wallet 2,000) has 800: below two thirds, so the
     * vault (10,000) takes its long at 98,800 together with its 800, maintenance margin included.
     */
    @Test
    void below_two_thirds_of_maintenance_the_vault_takes_the_account_and_above_it_the_book_does() {
        var btc = linear("BTCUSDT", "0.5", "0.001", "1000000000");
        RunResult r = run(policy("hyperliquid"), set(btc,
                        cross("market", "2100", pos("BTCUSDT", Side.LONG, "1", "100000")),
                        cross("vaulted", "2000", pos("BTCUSDT", Side.LONG, "1", "100000"))),
                path(Map.of("USDT", d("10000")), "100000", "98800"));

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION)
                .extracting(RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::equityAfter,
                        RunEvent::ruleId)
                .containsExactly(tuple("market", d("1"), d("98800"), d("900"), "LIQ-HL-010"));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.BACKSTOP)
                .extracting(RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("vaulted", d("1"), d("98800"), null, "LIQ-HL-030"),
                        tuple("vaulted", null, null, d("-800"), "LIQ-HL-030"));
        assertThat(equityEnd(r, "market")).isEqualByComparingTo("900");
        assertThat(equityEnd(r, "vaulted")).isEqualByComparingTo("0");
        assertThat(r.steps().get(1).backstopEquity()).isEqualByComparingTo("10800");
    }

    /**
     * BTCUSDT goes 100,000 -> 99,000 -> 97,500. "under" (long 1 at 100,000, wallet 2,300) is healthy at 99,000
     * (1,300 against maintenance 1,237.50) and at -200 at 97,500. The vault holds only 100, so it cannot take the
     * account; the market order, capped 1% below the mark, finds 1,000 of depth for a 97,500 lot and fills nothing.
     * The account value is negative: "short" (1 at 100,000, wallet 20,000) is closed at the previous mark, 99,000,
     * giving up 1,500 against the mark. "under" ends with 1,300 - its equity at that previous mark, which it keeps.
     */
    @Test
    void a_negative_account_the_vault_cannot_cover_is_deleveraged_at_the_previous_mark() {
        var btc = linear("BTCUSDT", "0.5", "1", "1000");
        RunResult r = run(policy("hyperliquid"), set(btc,
                        cross("short", "20000", pos("BTCUSDT", Side.SHORT, "1", "100000")),
                        cross("under", "2300", pos("BTCUSDT", Side.LONG, "1", "100000"))),
                path(Map.of("USDT", d("100")), "100000", "99000", "97500"));

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price,
                        RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("short", "under", d("1"), d("99000"), d("-1500"), "RANK-HL-010"));
        assertThat(equityEnd(r, "short")).isEqualByComparingTo("21000");
        assertThat(equityEnd(r, "under")).isEqualByComparingTo("1300");
        assertThat(r.steps().get(2).backstopEquity()).isEqualByComparingTo("100");
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
        assertThat(r.rulesFired()).containsKeys("LIQ-HL-030", "WF-HL-010", "WF-HL-020");
    }

    private static Scenario path(Map<String, BigDecimal> backstop, String... marks) {
        List<ScenarioStep> steps = new ArrayList<>();
        for (String m : marks) steps.add(new ScenarioStep(Map.of("BTCUSDT", d(m)), Map.of()));
        return scenario(steps, Map.of(), backstop);
    }

    private static BigDecimal equityEnd(RunResult r, String account) {
        return r.outcomes().stream().filter(o -> o.accountId().equals(account)).map(AccountOutcome::equityEnd)
                .findFirst().orElseThrow();
    }
}

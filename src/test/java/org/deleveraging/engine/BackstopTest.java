package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.junit.jupiter.api.Test;

/** The backstop vault (Hyperliquid's liquidator vault) takes over a failing pool's positions and equity. */
class BackstopTest {
    private static AccountSet one() {
        return set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")));
    }

    private static List<ScenarioStep> steps(String... marks) {
        return java.util.Arrays.stream(marks).map(m -> new ScenarioStep(Map.of("BTCUSDT", d(m)), Map.of())).toList();
    }

    @Test
    void the_vault_takes_the_positions_at_the_mark_with_the_deficit_and_carries_them_afterwards() {
        RunResult r = plain().action(Action.BACKSTOP).layers()
                .run(one(), scenario(steps("98", "99"), Map.of(), Map.of("USDT", d("1000"))));

        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::size, RunEvent::price, RunEvent::amount)
                .containsExactly(tuple(Kind.BACKSTOP, d("10"), d("98"), null),
                        tuple(Kind.BACKSTOP, null, null, d("10")));
        // the vault paid the deficit of 10 and then gained 10 from 98 to 99
        assertThat(r.steps()).extracting(StepMetrics::backstopEquity).containsExactly(d("990"), d("1000"));
        assertThat(r.ledgerEnd().get("USDT").backstop()).isEqualByComparingTo("1000");
        assertThat(r.outcomes().get(0).equityEnd()).isEqualByComparingTo("0");
    }

    @Test
    void a_vault_that_cannot_cover_the_deficit_leaves_the_pool_to_the_book_and_the_waterfall() {
        RunResult r = plain().action(Action.BACKSTOP).layers()
                .run(one(), scenario(steps("98"), Map.of(), Map.of("USDT", d("5"))));

        assertThat(r.events()).extracting(RunEvent::kind).containsExactly(Kind.LIQUIDATION, Kind.BAD_DEBT);
        assertThat(r.totalBadDebt()).isEqualByComparingTo("10");
    }
}

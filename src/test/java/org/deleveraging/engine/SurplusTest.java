package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PlainPolicy.ClosePrice;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.LayerChoice.Layer;
import org.junit.jupiter.api.Test;

/** Equity left after a close-out: the insurance fund keeps it up to the maintenance margin, the trader the rest. */
class SurplusTest {
    /** Liquidated early (below 3 x maintenance) with equity 100 against maintenance 50, closed at the mark. */
    private static AccountSet early() {
        return set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "100", pos("BTCUSDT", Side.LONG, "10", "100")));
    }

    @Test
    void the_fund_keeps_at_most_the_maintenance_margin() {
        RunResult r = plain().liquidateBelow("3").run(early(), marks("BTCUSDT", Map.of("BTCUSDT", d("0")), "100"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.SURPLUS)
                .extracting(RunEvent::amount, RunEvent::equityAfter).containsExactly(tuple(d("-50"), d("50")));
        assertThat(r.fundsEnd()).containsEntry("BTCUSDT", d("50"));
    }

    @Test
    void a_policy_that_leaves_the_surplus_to_the_trader_sends_nothing_to_the_fund() {
        RunResult r = plain().liquidateBelow("3").surplusTo(SurplusTo.TRADER)
                .run(early(), marks("BTCUSDT", Map.of("BTCUSDT", d("0")), "100"));

        assertThat(r.events()).extracting(RunEvent::kind).containsExactly(Kind.LIQUIDATION);
        assertThat(r.outcomes().get(0).equityEnd()).isEqualByComparingTo("100");
    }

    @Test
    void after_ADL_the_fund_still_keeps_at_most_the_maintenance_margin_measured_at_liquidation() {
        // L is liquidated at 90 with equity 0.2 (maintenance 45); the book is too thin to fill above its bankruptcy
        // price, so ADL closes it against S at the previous mark, 100: L receives 100 from S. Of L's 100.2 the fund
        // keeps the 45 of maintenance, as after any close-out.
        AccountSet set = set(linear("BTCUSDT", "0.01", "1", "100"),
                cross("L", "100.2", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("S", "1000", pos("BTCUSDT", Side.SHORT, "10", "100")));
        RunResult r = plain().orderLimit(OrderLimit.BANKRUPTCY).closePrice(ClosePrice.PREVIOUS_MARK).layers(Layer.ADL)
                .run(set, scenario(java.util.List.of(new ScenarioStep(Map.of("BTCUSDT", d("100")), Map.of()),
                        new ScenarioStep(Map.of("BTCUSDT", d("90")), Map.of())), Map.of("BTCUSDT", d("0")), Map.of()));

        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::price, RunEvent::amount)
                .containsExactly(tuple(Kind.ADL, "S", d("100"), d("-100")), tuple(Kind.SURPLUS, "L", null, d("-45")));
        assertThat(r.outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityEnd)
                .containsExactly(tuple("L", d("55.2")), tuple("S", d("1000")));
    }
}

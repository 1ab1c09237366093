package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * The cascade: the permanent part of a round's liquidation flow moves the mark, which can put more accounts under
 * maintenance in the next round, until a round liquidates nobody or the policy's round cap is hit.
 */
class CascadeTest {
    /** 10,000 per 1 %, and every bit of impact stays in the mark. */
    private static final Market BTC = new Market("BTCUSDT", ContractType.LINEAR, "USDT", d("0.01"), d("1"),
            BigDecimal.ONE, new Liquidity(d("10000"), d("10000"), BigDecimal.ONE));

    /**
     * X (100 long, equity 400, maintenance 500) is liquidated first: 10,000 sold walks the bid 1 %, so the mark
     * falls to 99, where Y (10 long, equity 40.2, maintenance 49.5) is under maintenance too.
     */
    private static AccountSet chain() {
        return set(BTC, cross("X", "400", pos("BTCUSDT", Side.LONG, "100", "100")),
                cross("Y", "50.2", pos("BTCUSDT", Side.LONG, "10", "100")));
    }

    @Test
    void a_liquidation_moves_the_mark_and_the_next_round_liquidates_who_that_put_under_maintenance() {
        RunResult r = plain().run(chain(), marks("BTCUSDT", Map.of(), "100"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION)
                .extracting(RunEvent::round, RunEvent::accountId, RunEvent::price)
                // Y's order walks on from 1 % to 1.099 % below the new mark: 99 x (1 - 0.010495) = 97.96
                .containsExactly(tuple(1, "X", d("99.5")), tuple(2, "Y", d("97.96")));
        StepMetrics step = r.steps().get(0);
        assertThat(step.rounds()).as("the third round finds nobody to liquidate").isEqualTo(3);
        assertThat(step.roundCapHit()).isFalse();
        assertThat(step.marks().get("BTCUSDT")).as("99 moved down by Y's 0.099 %").isEqualByComparingTo("98.9");
        assertThat(r.fundsEnd().get("BTCUSDT")).as("both equities, each below its maintenance")
                .isEqualByComparingTo("379.8");
    }

    @Test
    void the_round_cap_stops_the_cascade() {
        RunResult r = plain().maxRounds(1).run(chain(), marks("BTCUSDT", Map.of(), "100"));

        StepMetrics step = r.steps().get(0);
        assertThat(step.rounds()).isEqualTo(1);
        assertThat(step.roundCapHit()).isTrue();
        assertThat(step.marks().get("BTCUSDT")).isEqualByComparingTo("99");
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION).extracting(RunEvent::accountId)
                .containsExactly("X");
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("Y")).singleElement()
                .satisfies(y -> assertThat(y.equityEnd()).as("settled at 99, not liquidated")
                        .isEqualByComparingTo("40.2"));
    }

    @Test
    void when_close_outs_do_not_move_the_mark_nobody_else_is_liquidated() {
        RunResult r = plain().closeOutMovesMark(false).run(chain(), marks("BTCUSDT", Map.of(), "100"));

        assertThat(r.steps().get(0).marks().get("BTCUSDT")).isEqualByComparingTo("100");
        assertThat(r.steps().get(0).rounds()).isEqualTo(2);
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION).extracting(RunEvent::accountId)
                .containsExactly("X");
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("Y")).singleElement()
                .satisfies(y -> assertThat(y.equityEnd()).isEqualByComparingTo("50.2"));
    }

    @Test
    void at_the_next_step_the_mark_is_the_scenario_s_again() {
        RunResult r = plain().maxRounds(1).run(chain(), marks("BTCUSDT", Map.of(), "100", "100"));

        assertThat(r.steps()).extracting(s -> s.marks().get("BTCUSDT")).containsExactly(d("99"), d("100"));
        // back at 100, Y (equity 50.2, maintenance 50) is safe again
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.LIQUIDATION).extracting(RunEvent::accountId)
                .containsExactly("X");
    }
}

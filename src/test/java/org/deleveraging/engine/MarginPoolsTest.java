package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Market;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * Cross margin: one pot backs every position, so a winner props up a loser. Isolated margin: each position has its
 * own margin and fails alone, and the account's free balance is not at risk.
 */
class MarginPoolsTest {
    private final Market a = linear("AUSDT", "0.01", "1", "1000000000");
    private final Market b = linear("BUSDT", "0.01", "1", "1000000000");

    /** A falls 8 % (long loses 80), B falls 8 % (short gains 80). */
    private RunResult run() {
        return plain().run(set(List.of(a, b), List.of(
                        cross("C", "100", pos("AUSDT", Side.LONG, "10", "100"), pos("BUSDT", Side.SHORT, "10", "100")),
                        isolatedAccount("I", "10", isolated("AUSDT", Side.LONG, "10", "100", "50"),
                                isolated("BUSDT", Side.SHORT, "10", "100", "50")))),
                scenario(List.of(new ScenarioStep(Map.of("AUSDT", d("92"), "BUSDT", d("92")), Map.of())),
                        Map.of("AUSDT", d("1000")), Map.of()));
    }

    @Test
    void a_cross_account_s_winning_position_carries_its_losing_one() {
        // equity 100 against maintenance 5 % of 1,840 = 92: not liquidated
        assertThat(run().outcomes()).filteredOn(o -> o.accountId().equals("C")).singleElement()
                .satisfies(c -> {
                    assertThat(c.events()).isZero();
                    assertThat(c.equityEnd()).isEqualByComparingTo("100");
                });
    }

    @Test
    void an_isolated_position_fails_alone_and_the_fund_pays_its_deficit() {
        RunResult r = run();
        // A's pool: 50 - 80 = -30, closed at the mark; the fund pays the 30. B's pool (130) and the free 10 are
        // untouched.
        assertThat(r.events()).extracting(RunEvent::kind, RunEvent::accountId, RunEvent::market, RunEvent::amount,
                RunEvent::equityAfter)
                .containsExactly(tuple(Kind.LIQUIDATION, "I", "AUSDT", d("0"), d("-30")),
                        tuple(Kind.FUND_COVER, "I", null, d("30"), d("0")));
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("I")).singleElement()
                .satisfies(i -> {
                    assertThat(i.equityStart()).isEqualByComparingTo("110");
                    assertThat(i.equityEnd()).isEqualByComparingTo("140");
                });
        assertThat(r.fundsEnd()).containsEntry("AUSDT", d("970"));
    }
}

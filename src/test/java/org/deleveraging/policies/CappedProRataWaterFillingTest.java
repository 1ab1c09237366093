package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The paper's capped pro-rata (T. Chitra, arXiv 2512.01112 v3, https://arxiv.org/abs/2512.01112v3): h_i = min(eta,
 * beta_i), with beta_i keeping a winner's equity at or above its maintenance margin, and eta chosen so that the
 * haircuts pay the whole deficit (theta = 1).
 *
 * <p>At a mark of 110: A (long 10 from 100, wallet 100) has profit 100 and equity 200; C (long 100 from 109,
 * wallet 40) has profit 100, equity 140 and maintenance 11,000 x 1.25% = 137.5, so C can give up only 2.5.
 * B (short 20 from 100, wallet 100) is closed at 110 with a deficit of 100. Plain pro-rata would take 50 from each;
 * water-filling takes C's 2.5 and the remaining 97.5 from A.
 */
class CappedProRataWaterFillingTest {

    private static AccountSet book() {
        var m = linear("BTCUSDT", "0.01", "1", "1000000000");
        return set(m,
                cross("A", "100", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("B", "100", pos("BTCUSDT", Side.SHORT, "20", "100")),
                cross("C", "40", pos("BTCUSDT", Side.LONG, "100", "109")));
    }

    private static RunResult under(String policy) {
        return run(policy(policy), book(), marks("BTCUSDT", Map.of("USDT", d(0), "BTCUSDT", d(0)), "110"));
    }

    @Test
    void a_winner_near_maintenance_pays_only_down_to_it_and_the_others_pay_the_rest() {
        RunResult r = under("capped-pro-rata");

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.SOCIALIZED)
                .extracting(RunEvent::accountId, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("A", d("-97.5"), "WF-SOC-020"), tuple("C", d("-2.5"), "WF-SOC-020"));
        assertThat(r.outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityEnd)
                .containsExactly(tuple("A", d("102.5")), tuple("B", d("0")), tuple("C", d("137.5")));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION)
                .extracting(RunEvent::accountId).containsOnly("B");
    }

    @Test
    void without_the_cap_plain_pro_rata_pushes_the_same_winner_into_liquidation() {
        RunResult r = under("socialized-loss");

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.SOCIALIZED)
                .extracting(RunEvent::accountId, RunEvent::amount)
                .containsExactly(tuple("A", d("-50")), tuple("C", d("-50")));
        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.LIQUIDATION)
                .extracting(RunEvent::accountId).containsExactly("B", "C");
    }
}

package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * BitMEX Dynamic Profit Equalisation (https://blog.bitmex.com/dynamic-profit-equalisation/), its example
 * paraphrased: A buys 1 from B at 100; price goes to 110. B can lose only his 4 USD initial margin, so system loss
 * = 6 and adj = 6/10 = 60%. A receives 4. Here a second winner, C
 * (long 1 from 105, profit 5), shares the loss, and B's short is 2 with a margin of 11, so the loss is
 * 2 x 10 - 11 = 9 = 60% of the winners' 15: every winner gives up 60% of its profit.
 */
class SocializedLossClawbackTest {

    private RunResult dpe() {
        var m = linear("BTCUSDT", "0.01", "1", "1000000000");
        return run(policy("socialized-loss"), set(m,
                        cross("A", "10", pos("BTCUSDT", Side.LONG, "1", "100")),
                        cross("B", "11", pos("BTCUSDT", Side.SHORT, "2", "100")),
                        cross("C", "10", pos("BTCUSDT", Side.LONG, "1", "105"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d(0)), "100", "110"));
    }

    @Test
    void every_winner_gives_up_the_same_share_of_its_profit() {
        RunResult r = dpe();

        assertThat(r.events()).filteredOn(e -> e.kind() == RunEvent.Kind.SOCIALIZED)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple("A", "B", d("-6"), "WF-SOC-020"), tuple("C", "B", d("-3"), "WF-SOC-020"));
        assertThat(r.outcomes()).extracting(AccountOutcome::accountId, AccountOutcome::equityEnd)
                .containsExactly(tuple("A", d("14")), tuple("B", d("0")), tuple("C", d("12")));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }
}

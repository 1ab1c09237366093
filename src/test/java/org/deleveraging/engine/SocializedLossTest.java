package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.LayerChoice.Layer;
import org.junit.jupiter.api.Test;

/**
 * Socialised loss: winners pay a deficit in proportion to their profit, within the policy's caps; positions stay open.
 */
class SocializedLossTest {
    /** L ends at -10 after its close-out at 98; S1 has 30 of profit, S2 10. */
    private static AccountSet book() {
        return set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("S1", "100", pos("BTCUSDT", Side.SHORT, "10", "101")),
                cross("S2", "100", pos("BTCUSDT", Side.SHORT, "5", "100")));
    }

    @Test
    void winners_pay_the_deficit_pro_rata_to_their_profit() {
        RunResult r = plain().layers(Layer.SOCIALIZED_LOSS).run(book(), marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.SOCIALIZED)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::amount, RunEvent::equityAfter)
                .containsExactly(tuple("S1", "L", d("-7.5"), d("122.5")), tuple("S2", "L", d("-2.5"), d("107.5")));
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("S1")).singleElement().satisfies(o -> {
            assertThat(o.haircut()).isEqualByComparingTo("7.5");
            assertThat(o.haircutShareOfProfit()).isEqualTo(0.25);
        });
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    @Test
    void a_cap_on_the_share_of_profit_taken_leaves_the_rest_as_bad_debt() {
        RunResult r = plain().layers(Layer.SOCIALIZED_LOSS).haircutCaps("0.2", false)
                .run(book(), marks("BTCUSDT", Map.of(), "98"));

        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.SOCIALIZED).extracting(RunEvent::amount)
                .containsExactly(d("-6"), d("-2"));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("2");
    }
}

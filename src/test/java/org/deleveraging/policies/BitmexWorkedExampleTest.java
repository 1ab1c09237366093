package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * BitMEX's published ADL example (https://www.bitmex.com/app/autoDeleveragingExamples): six longs, a bankrupt short of
 * 20 at a bankruptcy price of $650.
 */
class BitmexWorkedExampleTest {

    /**
     * Longs entered at 650 and marked at 660, with equity chosen so that their BitMEX scores stand in the ratio
     * 3 : 6 : 1 : 4 : 5 : 2 (score = PnL% x notional / equity). The short (20 at 600, wallet 1,000) has equity -200
     * at 660, so its bankruptcy price is 660 - 200 / 20 = 650; it is under water and the book will not fill a buy
     * at 650, and the insurance fund is empty.
     */
    private RunResult sixLongs() {
        var m = linear("XBTUSD");
        return run(policy("bitmex"), set(m,
                        cross("acct1", "120", pos("XBTUSD", Side.LONG, "10", "650")),   // equity 66*10/3 = 220
                        cross("acct2", "10", pos("XBTUSD", Side.LONG, "10", "650")),    // 110
                        cross("acct3", "1120", pos("XBTUSD", Side.LONG, "20", "650")),  // 1320
                        cross("acct4", "195", pos("XBTUSD", Side.LONG, "30", "650")),   // 495
                        cross("acct5", "64", pos("XBTUSD", Side.LONG, "20", "650")),    // 264
                        cross("acct6", "230", pos("XBTUSD", Side.LONG, "10", "650")),   // 330
                        cross("short", "1000", pos("XBTUSD", Side.SHORT, "20", "600"))),
                marks("XBTUSD", Map.of("XBTUSD", d(0)), "660"));
    }

    @Test
    void the_queue_is_sorted_by_score_with_bitmex_percentiles() {
        List<QueueEntry> queue = sixLongs().queues();
        assertThat(queue).extracting(QueueEntry::accountId, QueueEntry::percentile)
                .containsExactly(tuple("acct2", 20), tuple("acct5", 40), tuple("acct4", 60),
                        tuple("acct1", 80), tuple("acct6", 80), tuple("acct3", 100));
        assertThat(queue).extracting(QueueEntry::lights).containsExactly(5, 4, 3, 2, 2, 1);
    }

    @Test
    void acct2_is_closed_fully_and_acct5_for_half_at_the_bankruptcy_price() {
        List<RunEvent> adl = sixLongs().events().stream().filter(e -> e.kind() == RunEvent.Kind.ADL).toList();
        assertThat(adl).extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price)
                .containsExactly(tuple("acct2", "short", d("10"), d("650")),
                        tuple("acct5", "short", d("10"), d("650")));
        assertThat(adl).extracting(RunEvent::ruleId).containsOnly("RANK-BITMEX-010");
    }

    @Test
    void the_bankrupt_short_ends_at_zero_and_no_bad_debt_is_left() {
        RunResult r = sixLongs();
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("short"))
                .singleElement().satisfies(o -> assertThat(o.equityEnd()).isEqualByComparingTo("0"));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }
}

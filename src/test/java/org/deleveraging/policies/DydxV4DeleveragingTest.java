package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * dYdX v4 deleveraging (OffsetSubaccountPerpetualPosition in protocol/x/clob/keeper/deleveraging.go,
 * https://github.com/dydxprotocol/v4-chain): no ranking, a seeded pseudo-random start, round-robin over the
 * opposite side, fills of min(remaining, their size) at the bankruptcy price.
 *
 * <p>Five longs of 10 BTC entered at 650 hold 1,000 each. A short of 25 entered at 600 with 1,000 is at
 * 1,000 - 25 x 60 = -500 when the mark gaps to 660, so its bankruptcy price is 660 - 500 / 25 = 640. A buy at 640
 * is below the mark, so the book fills nothing; the fund is empty, so the short's 25 are offset against three
 * longs in turn: 10, 10 and 5 at 640, each losing 20 a contract against the mark.
 */
class DydxV4DeleveragingTest {
    private static final List<String> LONGS = List.of("a", "b", "c", "d", "e");

    private static RunResult gapWithSeed(long seed) {
        var m = linear("BTCUSDT");
        var set = set(m,
                cross("a", "1000", pos("BTCUSDT", Side.LONG, "10", "650")),
                cross("b", "1000", pos("BTCUSDT", Side.LONG, "10", "650")),
                cross("c", "1000", pos("BTCUSDT", Side.LONG, "10", "650")),
                cross("d", "1000", pos("BTCUSDT", Side.LONG, "10", "650")),
                cross("e", "1000", pos("BTCUSDT", Side.LONG, "10", "650")),
                cross("short", "1000", pos("BTCUSDT", Side.SHORT, "25", "600")));
        var scenario = new Scenario("gap", "", seed, List.of(new ScenarioStep(Map.of("BTCUSDT", d("660")), Map.of())),
                Map.of("USDT", BigDecimal.ZERO), Map.of());
        return run(policy("dydx-v4"), set, scenario);
    }

    private static List<RunEvent> adl(RunResult r) {
        return r.events().stream().filter(e -> e.kind() == RunEvent.Kind.ADL).toList();
    }

    @Test
    void the_short_is_offset_against_three_consecutive_longs_in_round_robin_order_at_the_bankruptcy_price() {
        List<RunEvent> fills = adl(gapWithSeed(7));

        int start = LONGS.indexOf(fills.get(0).accountId());
        List<String> next = List.of(LONGS.get(start), LONGS.get((start + 1) % 5), LONGS.get((start + 2) % 5));
        assertThat(fills).extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price,
                        RunEvent::amount, RunEvent::ruleId)
                .containsExactly(
                        tuple(next.get(0), "short", d("10"), d("640"), d("-200"), "RANK-DYDX-010"),
                        tuple(next.get(1), "short", d("10"), d("640"), d("-200"), "RANK-DYDX-010"),
                        tuple(next.get(2), "short", d("5"), d("640"), d("-100"), "RANK-DYDX-010"));
    }

    @Test
    void the_bankrupt_short_ends_at_zero_with_no_bad_debt_and_value_conserved() {
        RunResult r = gapWithSeed(7);

        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("short"))
                .singleElement().satisfies(o -> assertThat(o.equityEnd()).isEqualByComparingTo("0"));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }

    @Test
    void the_same_seed_gives_the_same_fills() {
        assertThat(gapWithSeed(7).events()).isEqualTo(gapWithSeed(7).events());
    }

    @Test
    void other_seeds_start_the_round_robin_at_other_accounts() {
        Set<String> starts = new TreeSet<>();
        LongStream.rangeClosed(1, 8).forEach(seed -> starts.add(adl(gapWithSeed(seed)).get(0).accountId()));

        assertThat(starts).hasSizeGreaterThan(1);
    }
}

package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.*;

import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * A cross account bankrupt in two markets at once: the waterfall decides once for the pool, and ADL closes both
 * positions. Each close's reason must name what it is closing, not only the first market of the pool.
 */
class CrossPoolShortfallTest {

    /**
     * The short holds 10 ETHUSD from 100 and 20 XBTUSD from 600 on a wallet of 1,000; at 110 and 660 it has lost 100
     * and 1,200, equity -300. Both bankruptcy prices are below the marks, so the book does not fill the buy-backs,
     * and the funds are empty: ADL takes both, one long in each market.
     */
    private RunResult shortInTwoMarkets() {
        var eth = linear("ETHUSD");
        var xbt = linear("XBTUSD");
        var steps = List.of(
                new org.deleveraging.domain.ScenarioStep(Map.of("ETHUSD", d("110"), "XBTUSD", d("660")), Map.of()));
        return run(policy("bitmex"), set(List.of(eth, xbt), List.of(
                        cross("eth-long", "1000", pos("ETHUSD", Side.LONG, "10", "105")),
                        cross("xbt-long", "1000", pos("XBTUSD", Side.LONG, "20", "650")),
                        cross("short", "1000", pos("ETHUSD", Side.SHORT, "10", "100"),
                                pos("XBTUSD", Side.SHORT, "20", "600")))),
                scenario(steps, Map.of("ETHUSD", d(0), "XBTUSD", d(0)), Map.of()));
    }

    @Test
    void each_adl_close_names_every_unfilled_position_of_the_pool_it_covers() {
        List<RunEvent> adl = shortInTwoMarkets().events().stream().filter(e -> e.kind() == RunEvent.Kind.ADL).toList();
        assertThat(adl).extracting(RunEvent::market).containsExactlyInAnyOrder("ETHUSD", "XBTUSD");
        assertThat(adl).allSatisfy(e -> assertThat(e.reason())
                .contains("WF-020 the book and the insurance fund did not absorb 10 ETHUSD and 20 XBTUSD"));
    }

    @Test
    void a_shortfall_lists_its_markets_in_symbol_order() {
        var three = shortfall().unfilled(Map.of("XRPUSDT", d("120"), "BTCUSDT", d("0.405"), "ETHUSDT", d("2.50")))
                .build();
        assertThat(three.getUnfilled()).isEqualTo("0.405 BTCUSDT, 2.50 ETHUSDT and 120 XRPUSDT");
        assertThat(three.getUnfilledSize()).isEqualByComparingTo("0.405");
        var none = shortfall().unfilled("0").deficit("5").build();
        assertThat(none.getUnfilled()).isEqualTo("no size");
        assertThat(none.hasUnfilledSize()).isFalse();
    }
}

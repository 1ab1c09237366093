package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Fixtures.cross;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.linear;
import static org.deleveraging.support.Fixtures.pos;
import static org.deleveraging.support.Fixtures.set;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 22, item 7: a scenario sizes the insurance funds to the book it runs over, by one stated rule. */
class InsuranceFundsTest {
    static final Market BTC = linear("BTCUSDT", "0.1", "0.001", "1000000");
    static final Market ETH = linear("ETHUSDT", "0.01", "0.001", "1000000");

    /**
     * Open interest: BTC 2 long + 2 short at 100,000 = 200,000; ETH 10 long + 6 short at 4,000 = 32,000 (half of
     * 64,000).
     */
    static final AccountSet BOOK = set(List.of(BTC, ETH), List.of(
            cross("A", "50000", pos("BTCUSDT", Side.LONG, "2", "90000"), pos("ETHUSDT", Side.LONG, "10", "3000")),
            cross("B", "50000", pos("BTCUSDT", Side.SHORT, "2", "110000"), pos("ETHUSDT", Side.SHORT, "6", "4100"))));

    static Scenario scenario(Map<String, BigDecimal> funds, Map<String, BigDecimal> shares) {
        return new Scenario("s", "", 1,
                List.of(new ScenarioStep(Map.of("BTCUSDT", d("100000"), "ETHUSDT", d("4000")), Map.of())),
                funds, shares, Map.of());
    }

    @Test
    void open_interest_is_half_the_gross_value_at_the_start_marks_whatever_the_entry() {
        assertThat(InsuranceFunds.openInterest(scenario(Map.of(), Map.of()), BOOK))
                .containsEntry("BTCUSDT", d("200000")).containsEntry("ETHUSDT", d("32000"));
    }

    @Test
    void a_share_sizes_each_market_from_its_own_open_interest() {
        assertThat(InsuranceFunds.perMarket(scenario(Map.of(), Map.of(Scenario.EVERY_MARKET, d("0.01"))), BOOK))
                .containsEntry("BTCUSDT", d("2000")).containsEntry("ETHUSDT", d("320"));
    }

    @Test
    void an_amount_wins_over_a_share_and_a_market_share_over_an_asset_or_every_market_share() {
        var s = scenario(Map.of("BTCUSDT", d("7")),
                Map.of("ETHUSDT", d("0.5"), "USDT", d("0.2"), Scenario.EVERY_MARKET, d("0.1")));
        assertThat(InsuranceFunds.perMarket(s, BOOK)).containsEntry("BTCUSDT", d("7"))
                .containsEntry("ETHUSDT", d("16000"));
        var byAsset = scenario(Map.of(), Map.of("USDT", d("0.2"), Scenario.EVERY_MARKET, d("0.1")));
        assertThat(InsuranceFunds.perMarket(byAsset, BOOK)).containsEntry("BTCUSDT", d("40000"))
                .containsEntry("ETHUSDT", d("6400"));
    }

    @Test
    void without_an_amount_or_a_share_a_market_has_no_fund() {
        assertThat(InsuranceFunds.perMarket(scenario(Map.of("BTCUSDT", d("5")), Map.of()), BOOK))
                .containsEntry("ETHUSDT", BigDecimal.ZERO);
    }

    @Test
    void a_shared_pool_holds_the_sum_of_its_markets_funds_unless_the_scenario_gives_the_asset_an_amount() {
        assertThat(InsuranceFunds.perAsset(
                scenario(Map.of("BTCUSDT", d("7")), Map.of(Scenario.EVERY_MARKET, d("0.01"))), BOOK))
                .containsExactly(Map.entry("USDT", d("327")));
        assertThat(InsuranceFunds.perAsset(scenario(Map.of("USDT", d("99")), Map.of(Scenario.EVERY_MARKET, d("0.01"))),
                BOOK))
                .containsExactly(Map.entry("USDT", d("99")));
    }

    @Test
    void a_fund_is_rounded_down_to_one_hundred_millionth_never_up() {
        var s = scenario(Map.of(), Map.of(Scenario.EVERY_MARKET, new BigDecimal("0.0000000000333")));
        assertThat(InsuranceFunds.perMarket(s, BOOK)).containsEntry("BTCUSDT", d("0.00000666"))
                .containsEntry("ETHUSDT", d("0.00000106"));
    }

    @Test
    void a_book_twice_the_size_gets_twice_the_fund() {
        AccountSet twice = set(List.of(BTC, ETH), List.of(BOOK.accounts().get(0), BOOK.accounts().get(1),
                cross("C", "1", pos("BTCUSDT", Side.LONG, "2", "1")),
                cross("D", "1", pos("BTCUSDT", Side.SHORT, "2", "1")),
                cross("E", "1", pos("ETHUSDT", Side.LONG, "10", "1")),
                cross("F", "1", pos("ETHUSDT", Side.SHORT, "6", "1"))));
        var s = scenario(Map.of(), Map.of(Scenario.EVERY_MARKET, d("0.003")));
        assertThat(InsuranceFunds.perMarket(s, twice)).containsEntry("BTCUSDT", d("1200"))
                .containsEntry("ETHUSDT", d("192"));
        assertThat(InsuranceFunds.perMarket(s, BOOK)).containsEntry("BTCUSDT", d("600"))
                .containsEntry("ETHUSDT", d("96"));
    }
}

package org.deleveraging.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.junit.jupiter.api.Test;

/**
 * FTX ("Liquidations", https://help.ftx.com/hc/en-us/articles/360027937831-Liquidations): below the auto-close level an
 * account goes to the backstop liquidity providers; when they have no capital and the book is too thin, the ten largest
 * opposing positions take it pro-rata to their size at 2/3 of the zero (bankruptcy) price + 1/3 of the mark.
 *
 * <p>The book takes 1 USDT per 1% of price, so nothing fills. Twelve longs of 95, 85, ..., 5 and 4, 3 BTC entered at
 * the mark of 1,000; the ten largest sum to 500, so each takes a fifth of its size of a bankrupt short of 100:
 * 19, 17, 15, 13, 11, 9, 7, 5, 3, 1. Maintenance of the short is 3% of 100,000 = 3,000; the auto-close level is
 * half of that.
 */
class FtxBackstopAndProRataTest {
    private static final List<String> TOP_TEN = List.of("L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09",
            "L10");

    private static RunResult shortWithWallet(String wallet, Map<String, BigDecimal> backstop) {
        var m = linear("BTCUSDT", "0.5", "1", "1");
        List<Account> accounts = new ArrayList<>();
        int[] sizes = {95, 85, 75, 65, 55, 45, 35, 25, 15, 5, 4, 3};
        for (int i = 0; i < sizes.length; i++)
            accounts.add(
                    cross(String.format("L%02d", i + 1), "5000", pos("BTCUSDT", Side.LONG, "" + sizes[i], "1000")));
        accounts.add(cross("short", wallet, pos("BTCUSDT", Side.SHORT, "100", "950")));
        var steps = List.of(new ScenarioStep(Map.of("BTCUSDT", d("1000")), Map.of()));
        return run(policy("ftx"), set(List.of(m), accounts), scenario(steps, Map.of("USDT", d("1000")), backstop));
    }

    private static List<RunEvent> events(RunResult r, RunEvent.Kind kind) {
        return r.events().stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * Equity 6,200 - 100 x 50 = 1,200 is below the auto-close level of 1,500. Zero price 1,000 + 1,200 / 100 = 1,012;
     * counterparties close at 2/3 x 1,012 + 1/3 x 1,000 = 1,008, gaining 8 a contract: 800 in all, two thirds of
     * the equity. The last third, 400, goes to the fund, which could not take the position to the thin book.
     */
    @Test
    void with_no_backstop_capital_the_ten_largest_longs_share_the_short_pro_rata_at_the_blended_price() {
        RunResult r = shortWithWallet("6200", Map.of());

        assertThat(events(r, RunEvent.Kind.ADL))
                .extracting(RunEvent::accountId, RunEvent::size, RunEvent::price, RunEvent::amount, RunEvent::ruleId)
                .containsExactly(
                        tuple("L01", d("19"), d("1008"), d("152"), "RANK-SIZE-010"),
                        tuple("L02", d("17"), d("1008"), d("136"), "RANK-SIZE-010"),
                        tuple("L03", d("15"), d("1008"), d("120"), "RANK-SIZE-010"),
                        tuple("L04", d("13"), d("1008"), d("104"), "RANK-SIZE-010"),
                        tuple("L05", d("11"), d("1008"), d("88"), "RANK-SIZE-010"),
                        tuple("L06", d("9"), d("1008"), d("72"), "RANK-SIZE-010"),
                        tuple("L07", d("7"), d("1008"), d("56"), "RANK-SIZE-010"),
                        tuple("L08", d("5"), d("1008"), d("40"), "RANK-SIZE-010"),
                        tuple("L09", d("3"), d("1008"), d("24"), "RANK-SIZE-010"),
                        tuple("L10", d("1"), d("1008"), d("8"), "RANK-SIZE-010"));
        assertThat(r.fundsEnd()).containsEntry("USDT", d("1400"));
        assertThat(r.outcomes()).filteredOn(o -> o.accountId().equals("short"))
                .singleElement().satisfies(o -> assertThat(o.equityEnd()).isEqualByComparingTo("0"));
    }

    /**
     * Equity 4,700 - 5,000 = -300: zero price 1,000 - 3 = 997, counterparties close at 2/3 x 997 + 1/3 x 1,000 = 998
     * and lose 2 a contract, 200 in all; the fund pays the remaining 100 (WF-FTX-040).
     */
    @Test
    void for_a_deficit_the_longs_pay_two_thirds_and_the_fund_the_last_third() {
        RunResult r = shortWithWallet("4700", Map.of());

        assertThat(events(r, RunEvent.Kind.ADL)).extracting(RunEvent::accountId).containsExactlyElementsOf(TOP_TEN);
        assertThat(events(r, RunEvent.Kind.ADL)).extracting(RunEvent::price).containsOnly(d("998"));
        assertThat(events(r, RunEvent.Kind.ADL).stream().map(RunEvent::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("-200");
        assertThat(events(r, RunEvent.Kind.FUND_COVER)).extracting(RunEvent::amount, RunEvent::ruleId)
                .containsExactly(tuple(d("100"), "WF-FTX-040"));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
        assertThat(r.ledgerEnd().get("USDT").total()).isEqualByComparingTo(r.ledgerStart().get("USDT").total());
    }

    @Test
    void backstop_liquidity_providers_with_capital_take_the_account_before_anyone_is_deleveraged() {
        RunResult r = shortWithWallet("6200", Map.of("USDT", d("10000")));

        assertThat(events(r, RunEvent.Kind.ADL)).isEmpty();
        assertThat(events(r, RunEvent.Kind.BACKSTOP)).extracting(RunEvent::accountId, RunEvent::ruleId)
                .containsOnly(tuple("short", "LIQ-FTX-020"));
        assertThat(r.ledgerEnd().get("USDT").backstop()).isEqualByComparingTo("11200");
        assertThat(r.fundsEnd()).containsEntry("USDT", d("1000"));
    }
}

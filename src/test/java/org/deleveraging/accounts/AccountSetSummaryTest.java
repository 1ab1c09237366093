package org.deleveraging.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.deleveraging.support.Fixtures.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/** The book summary at reference marks, with a flat 1 % maintenance rate so the numbers can be checked by hand. */
class AccountSetSummaryTest {
    final Market btc = linear("BTCUSDT", "0.1", "0.001", "1000000");
    final MarginSchedule onePercent = MarginSchedule.flat(d("0.01"));

    final AccountSet book = new AccountSet("book", Map.of("BTCUSDT", btc), List.of(
            cross("safe", "10000", pos("BTCUSDT", Side.LONG, "1", "100000")),        // equity 10,000 at 100,000: 10x
            // equity 1,500, MM 1,000: ratio 1.5
            cross("tight", "1500", pos("BTCUSDT", Side.SHORT, "1", "100000")),
            // equity 3000-2000 = 1,000, MM 2,000
            isolatedAccount("iso", "0", isolated("BTCUSDT", Side.LONG, "2", "101000", "3000"))));

    private AccountSetSummary summary() {
        AccountSetInfo info = new AccountSetInfo(1, "book", "test", "h", 3, 3, Instant.EPOCH);
        return AccountSetSummary.of(new StoredAccountSet(info, book, Map.of("BTCUSDT", d("100000"))),
                market -> onePercent, 10);
    }

    @Test
    void open_interest_is_counted_per_market_and_side_at_the_reference_mark() {
        AccountSetSummary.OpenInterest oi = summary().openInterest().get(0);
        assertThat(oi.longs()).isEqualTo(2);
        assertThat(oi.longSize()).isEqualByComparingTo("3");
        assertThat(oi.longNotional()).isEqualByComparingTo("300000");
        assertThat(oi.shorts()).isEqualTo(1);
        assertThat(oi.shortNotional()).isEqualByComparingTo("100000");
    }

    @Test
    void the_pools_nearest_liquidation_come_first_by_margin_ratio() {
        assertThat(summary().nearestLiquidation())
                .extracting(AccountSetSummary.AtRisk::accountId, AccountSetSummary.AtRisk::pool)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iso", "isolated BTCUSDT"),
                        org.assertj.core.groups.Tuple.tuple("tight", "cross"),
                        org.assertj.core.groups.Tuple.tuple("safe", "cross"));
        AccountSetSummary.AtRisk iso = summary().nearestLiquidation().get(0);
        assertThat(iso.equity()).isEqualByComparingTo("1000");
        assertThat(iso.marginRatio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void a_single_linear_position_gets_the_move_that_brings_it_to_maintenance() {
        // the short: 1,500 + (100,000 - m) = 0.01 m  =>  m = 101,500 / 1.01 = 100,495.05, a move of +0.495 %
        AccountSetSummary.AtRisk tight = summary().nearestLiquidation().get(1);
        assertThat(tight.moveToLiquidation()).isCloseTo(101500 / 1.01 / 100000 - 1, within(1e-9));
    }

    @Test
    void leverage_percentiles_are_notional_over_equity_of_accounts_in_credit() {
        // leverages: safe 10x, tight 66.7x, iso 200,000 / 1,000 = 200x
        double[] lev = summary().leverage();
        assertThat(lev[0]).isCloseTo(100000 / 1500.0, within(1e-9));
        assertThat(lev[3]).isCloseTo(200, within(1e-9));
        assertThat(summary().underWater()).isZero();
    }
}

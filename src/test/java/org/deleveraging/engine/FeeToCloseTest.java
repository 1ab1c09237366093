package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, item 2: the taker fee to close, reserved in the bankruptcy price and in the maintenance margin. Bybit's
 * published example for an inverse contract in cross margin
 * (https://help.bybit.com/hc/en-us/articles/360039261334-How-to-calculate-Liquidation-Price-Inverse-Contract-): a
 * balance of 0.5 BTC, long 10,000 BTCUSD at 8,000, maintenance 0.5 % of the value at entry, taker fee 0.075 %:
 * bankruptcy price 1.00075 x 10,000 / (10,000 / 8,000 + 0.5) = 5,718.57, liquidation price 5,739.50 (the page's
 * equation gives 5,739.10, which its 0.5 tick shows as 5,739.50).
 */
class FeeToCloseTest {
    static final Market BTCUSD = new Market("BTCUSD", ContractType.INVERSE, "BTC", new BigDecimal("0.5"),
            BigDecimal.ONE, BigDecimal.ONE, new Liquidity(d("1"), d("1"), d("0.5")));

    @Test
    void the_bankruptcy_price_reserves_the_fee_to_close_as_bybit_publishes_it() {
        BigDecimal bp = BTCUSD.bankruptcyPrice(Side.LONG, d("10000"), d("8000"), d("0.5"), d("0.00075"));
        assertThat(bp.setScale(2, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("5718.57");
        // without the fee: 10,000 / 1.75 = 5,714.29
        assertThat(BTCUSD.bankruptcyPrice(Side.LONG, d("10000"), d("8000"), d("0.5"))
                .setScale(2, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("5714.29");
    }

    @Test
    void the_example_account_is_liquidated_at_5739_and_not_at_5739_5_or_5740() {
        assertThat(liquidatedAt("5739")).isTrue();
        assertThat(liquidatedAt("5739.5")).isFalse();   // 5,739.10 lies between: within the page's one tick
        assertThat(liquidatedAt("5740")).isFalse();
    }

    @Test
    void without_the_fee_in_maintenance_the_same_account_survives_5739() {
        // maintenance 0.00625 BTC alone: liquidated below 10,000 / (1.75 - 0.00625) = 5,734.77
        assertThat(liquidatedAt("5739", false)).isFalse();
        assertThat(liquidatedAt("5734.5", false)).isTrue();
    }

    /**
     * The margin watch counts the fee: a long of 1 BTC from 100,000 with 2,990, maintenance 1 % plus a fee of 0.99 %
     * of the value at the mark, is healthy at 100,000 with 1,000 to spare (2,990 - 1.99 % x 100,000) and waits in the
     * watch. At 98,900 its equity 1,890 is below 1.99 % x 98,900 = 1,968.11: it must be measured again and liquidated.
     * A watch that counted the table's 1 % alone would have let it wait until a move of about 1,970.
     */
    @Test
    void a_pool_the_watch_holds_is_measured_again_in_time_when_the_fee_brings_it_below_maintenance() {
        Market btc = linear("BTCUSDT", "0.1", "0.001", "1000000000");
        RunResult r = plain().margin("0.01").feeToClose("0.0099", true).screen("1").run(set(btc,
                        cross("L", "2990", pos("BTCUSDT", Side.LONG, "1", "100000"))),
                marks("BTCUSDT", Map.of("BTCUSDT", d("1000000")), "100000", "99990", "98900"));
        assertThat(r.events()).anyMatch(e -> e.accountId().equals("L") && e.kind() == RunEvent.Kind.LIQUIDATION
                && e.step() == 2);
    }

    private static boolean liquidatedAt(String mark) { return liquidatedAt(mark, true); }

    private static boolean liquidatedAt(String mark, boolean feeInMaintenance) {
        RunResult r = plain().marginAtEntry("0.005").feeToClose("0.00075", feeInMaintenance).run(set(BTCUSD,
                        cross("B", "0.5", pos("BTCUSD", Side.LONG, "10000", "8000"))),
                marks("BTCUSD", Map.of("BTC", d("100")), "8000", mark));
        return r.events().stream().anyMatch(e -> e.accountId().equals("B") && e.kind() == RunEvent.Kind.LIQUIDATION
                || e.accountId().equals("B") && e.kind() == RunEvent.Kind.TAKEOVER || e.accountId().equals("B")
                && e.kind() == RunEvent.Kind.FUND_COVER)
                || r.outcomes().stream()
                .anyMatch(o -> o.accountId().equals("B") && o.liquidatedNotional().signum() > 0);
    }
}

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

package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Worked liquidation-price examples of ours for the formulas of Binance (liquidation-price FAQ,
 * https://binance.com/cn/support/faq/how-to-calculate-liquidation-price-of-usd%E2%93%A2-m-futures-contracts-b3c689c1f50a44cabb3a84e663b81d93)
 * and Hyperliquid (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations). Prices are rounded
 * once, at 12 decimal places, half to even; the checks at the computed price hold to that rounding.
 */
class LiquidationPriceTest {

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final MarginSchedule BINANCE_BTCUSDT = MarginSchedule.of(
            List.of(d("0"), d("50000"), d("250000"), d("1000000"), d("10000000")),
            List.of(d("0.004"), d("0.005"), d("0.01"), d("0.025"), d("0.05")));

    @Test
    void binance_isolated_long_of_1_btc_at_50000_with_5000_margin_is_liquidated_at_45180_72() {
        BigDecimal lp = LiquidationPrice.binance(Side.LONG, d("1"), d("50000"), d("5000"), ZERO, ZERO,
                BINANCE_BTCUSDT.tiers().get(0));

        assertThat(lp).isEqualByComparingTo("45180.722891566265");   // 45,000 / 0.996
        BigDecimal equity = d("5000").add(lp.subtract(d("50000")));
        assertThat(equity.subtract(lp.multiply(d("0.004")))).isCloseTo(ZERO, within(d("1e-11")));
    }

    @Test
    void the_same_long_goes_bankrupt_at_45000() {
        Market btc = new Market("BTCUSDT", ContractType.LINEAR, "USDT", d("0.1"), d("0.001"), BigDecimal.ONE,
                new Liquidity(d("1000000"), d("1000000"), d("0.5")));

        assertThat(btc.bankruptcyPrice(Side.LONG, d("1"), d("50000"), d("5000"))).isEqualByComparingTo("45000");
    }

    @Test
    void binance_picks_the_bracket_that_holds_the_liquidation_notional() {
        // 10 BTC long at 50,000 (500k notional, 1% bracket) with 30,000 margin: at the 1% bracket's price the
        // notional falls to ~471k, still inside 250k-1M, so that bracket is the consistent one
        BigDecimal lp = LiquidationPrice.binance(Side.LONG, d("10"), d("50000"), d("30000"), ZERO, ZERO,
                BINANCE_BTCUSDT);

        BigDecimal expected = LiquidationPrice.binance(Side.LONG, d("10"), d("50000"), d("30000"), ZERO, ZERO,
                BINANCE_BTCUSDT.tiers().get(2));
        assertThat(lp).isEqualByComparingTo(expected);
        BigDecimal equity = d("30000").add(d("10").multiply(lp.subtract(d("50000"))));
        assertThat(equity.subtract(BINANCE_BTCUSDT.maintenance(d("10").multiply(lp))))
                .isCloseTo(ZERO, within(d("1e-10")));
    }

    @Test
    void a_binance_short_crossing_50k_notional_is_liquidated_in_the_second_bracket() {
        BigDecimal lp = LiquidationPrice.binance(Side.SHORT, d("1"), d("50000"), d("5000"), ZERO, ZERO,
                BINANCE_BTCUSDT);

        // the first bracket would give 55,000 / 1.004 = 54,561.75, a notional above 50k: the 0.5% bracket applies
        assertThat(lp).isEqualByComparingTo("54776.119402985075");   // (5,000 + 50 + 50,000) / 1.005
        BigDecimal equity = d("5000").add(d("50000").subtract(lp));
        assertThat(equity.subtract(lp.multiply(d("0.005")).subtract(d("50")))).isCloseTo(ZERO, within(d("1e-11")));
    }

    @Test
    void binance_long_collateralised_beyond_its_notional_has_no_liquidation_price() {
        assertThat(LiquidationPrice.binance(Side.LONG, d("1"), d("50000"), d("60000"), ZERO, ZERO, BINANCE_BTCUSDT))
                .isEqualByComparingTo("0");
    }

    @Test
    void hyperliquid_isolated_long_of_1_btc_at_100000_with_5000_margin_is_liquidated_at_96202_53() {
        BigDecimal liq = LiquidationPrice.hyperliquid(Side.LONG, d("1"), d("100000"), d("5000"),
                MarginSchedule.flat(d("0.0125")));

        assertThat(liq).isEqualByComparingTo("96202.53164556962");   // 100,000 - 3,750 / 0.9875
        BigDecimal equity = d("5000").add(liq.subtract(d("100000")));
        assertThat(equity.subtract(liq.multiply(d("0.0125")))).isCloseTo(ZERO, within(d("1e-11")));
    }

    @Test
    void hyperliquid_short_liquidation_price_leaves_equity_equal_to_maintenance() {
        BigDecimal liq = LiquidationPrice.hyperliquid(Side.SHORT, d("1"), d("100000"), d("5000"),
                MarginSchedule.flat(d("0.0125")));

        assertThat(liq).isEqualByComparingTo("103703.703703703704");   // 100,000 + 3,750 / 1.0125
        BigDecimal equity = d("5000").add(d("100000").subtract(liq));
        assertThat(equity.subtract(liq.multiply(d("0.0125")))).isCloseTo(ZERO, within(d("1e-11")));
    }

    private static BigDecimal d(String v) { return new BigDecimal(v); }
}

package org.deleveraging.domain;

import java.math.BigDecimal;

/**
 * Liquidation prices as two venues publish them: the mark at which a linear position's equity falls to its
 * maintenance margin. Pure functions for reports and tests; the engine never uses them (it measures equity against
 * maintenance at every mark instead).
 *
 * <p>Sizes are in the base asset (contract value 1). Each price is one division, rounded once at
 * {@link Money#SCALE} places with {@link Money#ROUNDING}, and not put on a tick grid: venues round the displayed
 * price, not the trigger.
 */
public final class LiquidationPrice {

    private LiquidationPrice() {}

    /**
     * Binance USDⓈ-M, one-way mode, rearranged by us for the variables of Binance's liquidation-price FAQ
     * (
     * https://binance.com/cn/support/faq/how-to-calculate-liquidation-price-of-usd%E2%93%A2-m-futures-contracts-b3c689c1f50a44cabb3a84e663b81d93
     * ):
     * LP = (WB − TMM1 + UPNL1 + cum − side·size·EP) / (size·MMR − side·size), side = +1 long, −1 short.
     * Derived from MM = notional·MMR − cum: at LP, WB − TMM1 + UPNL1 + side·size·(LP − EP) = size·LP·MMR − cum.
     *
     * @param walletBalance WB: the isolated margin, or the cross wallet balance
     * @param otherMaintenance TMM1: maintenance margin of every other position of a cross account (0 isolated)
     * @param otherUnrealizedPnl UPNL1: unrealised PnL of every other position of a cross account (0 isolated)
     * @param tier the bracket that applies at the liquidation price (its MMR and maintenance amount "cum")
     */
    public static BigDecimal binance(Side side, BigDecimal size, BigDecimal entryPrice, BigDecimal walletBalance,
                                     BigDecimal otherMaintenance, BigDecimal otherUnrealizedPnl, MarginTier tier) {
        BigDecimal s = sign(side);
        BigDecimal numerator = walletBalance.subtract(otherMaintenance).add(otherUnrealizedPnl)
                .add(tier.maintenanceAmount()).subtract(s.multiply(size).multiply(entryPrice));
        BigDecimal denominator = size.multiply(tier.maintenanceRate()).subtract(s.multiply(size));
        if (denominator.signum() == 0)
            throw new IllegalArgumentException("a long charged 100% maintenance is liquidated at any price");
        return Money.divide(numerator, denominator);
    }

    /**
     * Binance's price with the bracket chosen as the venue does: the one whose notional range holds size·LP. Equity
     * minus maintenance is monotonic in the price (MMR below 100%), so exactly one bracket is consistent; at a
     * boundary the two neighbours agree because the table's maintenance is continuous. Returns 0 when no positive
     * price liquidates the position (a long collateralised beyond its notional).
     */
    public static BigDecimal binance(Side side, BigDecimal size, BigDecimal entryPrice, BigDecimal walletBalance,
                                     BigDecimal otherMaintenance, BigDecimal otherUnrealizedPnl,
                                     MarginSchedule schedule) {
        for (int i = 0; i < schedule.tiers().size(); i++) {
            BigDecimal lp = binance(side, size, entryPrice, walletBalance, otherMaintenance, otherUnrealizedPnl,
                    schedule.tiers().get(i));
            if (lp.signum() <= 0) continue;
            if (schedule.tierIndex(size.multiply(lp)) == i) return lp;
        }
        return BigDecimal.ZERO;
    }

    /**
     * Hyperliquid (docs, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations):
     * liq = P − side·margin_available / size / (1 − MMR·side), with
     * margin_available = margin − MM(size·P) and MMR the rate of the tier at P (as the venue's formula assumes).
     * Computed as one division: P − side·margin_available / (size·(1 − MMR·side)).
     *
     * @param price P: the price the margin is measured at (the entry price for a new isolated position)
     * @param margin the isolated margin, or the cross account value
     */
    public static BigDecimal hyperliquid(Side side, BigDecimal size, BigDecimal price, BigDecimal margin,
                                         MarginSchedule schedule) {
        BigDecimal notional = size.multiply(price);
        BigDecimal mmr = schedule.tierFor(notional).maintenanceRate();
        BigDecimal available = margin.subtract(schedule.maintenance(notional));
        BigDecimal s = sign(side);
        BigDecimal move = Money.divide(available, size.multiply(BigDecimal.ONE.subtract(mmr.multiply(s))));
        return Money.clean(price.subtract(s.multiply(move)));
    }

    private static BigDecimal sign(Side side) {
        return side == Side.LONG ? BigDecimal.ONE : BigDecimal.ONE.negate();
    }
}

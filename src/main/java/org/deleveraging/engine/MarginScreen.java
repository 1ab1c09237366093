package org.deleveraging.engine;

import java.math.BigDecimal;

import org.deleveraging.domain.Side;

/**
 * The margin check's first look at a pool: its equity and maintenance margin in doubles, from its cash as last settled
 * and its positions' marks, without settling it or making a number. Most pools a crash measures are far from the
 * screen, and measuring one exactly made a BigDecimal notional and maintenance per position and settled its profit
 * (2.1M measures at 1M positions). A pool this finds healthy beyond any error the doubles can hold is healthy when
 * measured exactly; any other pool is measured exactly ({@link LiquidationStage}).
 *
 * <p>The doubles' error. Each figure is a sum of a few products of correctly rounded doubles, so its error is a few
 * units in 2^-53 of the sum of its terms' magnitudes; an inverse market's profit is also rounded at
 * {@link org.deleveraging.domain.Money#SCALE} places once per settlement. The screen asks for a margin of 1e-9 of those
 * magnitudes plus 1e-9 per position, millions of times more than either, and a notional within 1e-9 of a tier's floor
 * is left to the exact measure, which alone can tell which tier it is in.
 */
final class MarginScreen {
    private final double screen;
    /** The figures of the pool last found healthy, for the margin watch ({@link LiquidationStage#keepWatching}). */
    double equity;
    double maintenance;
    double notional;
    double topRate;
    /** The error the figures may hold, in the pool's asset. */
    double slack;

    /** The fee to close added to maintenance, a rate of the value at the mark (0: none). */
    private final double closeFee;

    MarginScreen(BigDecimal screen) { this(screen, BigDecimal.ZERO); }

    MarginScreen(BigDecimal screen, BigDecimal closeFee) {
        this.screen = screen.doubleValue();
        this.closeFee = closeFee.doubleValue();
    }

    /** True when the pool's equity is positive and above screen x maintenance margin beyond doubt. */
    boolean healthy(PoolState pool) {
        double equity = pool.cashAsSettled().doubleValue();
        double magnitude = Math.abs(equity);
        double maintenance = 0;
        double maintenanceMagnitude = 0;
        double notional = 0;
        double top = 0;
        int open = 0;
        for (PositionState p : pool.positions()) {
            if (!p.isOpen()) continue;
            open++;
            MarketState ms = p.state;
            double contracts = p.contractsDouble();
            double mark = ms.markDouble;
            double from = p.settledMarkDouble();
            // the profit not yet settled, and what margin is charged on (Market.pnl; RunContext.marginBase: the value
            // at the mark, or at entry where the table says so)
            double pnl = ms.linear ? contracts * (mark - from) : contracts * (1 / from - 1 / mark);
            double atMark = ms.linear ? contracts * mark : contracts / mark;
            double n = !ms.schedule.chargedAtEntry() ? atMark
                    : ms.linear ? contracts * p.entryPrice.doubleValue() : contracts / p.entryPrice.doubleValue();
            if (p.side == Side.SHORT) pnl = -pnl;
            equity += pnl;
            magnitude += Math.abs(pnl);
            int tier = tier(ms.tierFloors, n);
            if (tier < 0) return false;
            double charged = n * ms.tierRates[tier] + atMark * closeFee;
            maintenance += charged - ms.tierDeductions[tier];
            maintenanceMagnitude += charged + ms.tierDeductions[tier];
            notional += n;
            top = Math.max(top, ms.topRate);
        }
        double slack = 1e-9 * (magnitude + screen * maintenanceMagnitude) + 1e-9 * (1 + open);
        if (!(equity > slack && equity - screen * maintenance > slack)) return false;
        this.equity = equity;
        this.maintenance = maintenance;
        this.notional = notional;
        this.topRate = top;
        this.slack = slack;
        return true;
    }

    /**
     * {@link org.deleveraging.domain.MarginSchedule#tierIndex} in doubles: the last tier whose floor the notional
     * exceeds, or -1 when it is too near a floor to say.
     */
    static int tier(double[] floors, double notional) {
        int idx = 0;
        for (int i = 1; i < floors.length; i++) {
            if (Math.abs(notional - floors[i]) <= 1e-9 * Math.abs(floors[i]) + 1e-9) return -1;
            if (notional <= floors[i]) break;
            idx = i;
        }
        return idx;
    }
}

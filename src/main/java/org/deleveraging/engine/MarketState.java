package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Side;

/**
 * A market during a run: its marks and the order-book model liquidation orders fill against. Within a step the book
 * does not refill, so every fill walks further from the mark; the permanent part of the impact moves the mark at the
 * end of each round (the cascade).
 */
final class MarketState {
    final Market market;
    /** The current mark; moved only through {@link #moveMark}, which keeps {@link #markTicks} with it. */
    private BigDecimal mark;
    /**
     * The mark in ticks, and as a double. Every mark is on the grid; one too many ticks out for the engine's longs is
     * {@link PositionState#OFF_GRID}, and positions settle against it as numbers.
     */
    long markTicks;
    double markDouble;
    BigDecimal previousMark;
    double depthMultiplier = 1;
    double bidUsed;  // fraction of price already walked down on the bid side this step
    double askUsed;
    double roundImpact; // signed fraction of price moved by this round's fills
    /**
     * How far the mark has travelled since the run began, summed over every move: in price for a linear market, in
     * 1 / price for an inverse one, so that a position's profit changes by at most size x contract value x the
     * distance travelled.
     */
    double path;
    final List<PositionState> positions = new ArrayList<>();
    /** The policy's margin table for this market, set by the run ({@link #use}): looked up once, not per position. */
    MarginSchedule schedule;
    /**
     * The table's floors, rates and deductions as doubles, for the margin check's screen ({@link LiquidationStage}).
     */
    double[] tierFloors;
    double[] tierRates;
    double[] tierDeductions;
    double topRate;
    /**
     * {@link MarginSchedule#neverFalls()} of the table, asked once: then a notional that stays within its tier raises
     * maintenance at most at that tier's rate ({@link MarginWatch#healthyWithinTiers}).
     */
    boolean maintenanceRises;
    /** The market's contract type and value, for the same screen. */
    final boolean linear;
    final double contractValue;
    /** The contract value and tick size in fixed point ({@link Money#unscaled}), for settlement in longs. */
    final long contractValueUnscaled;
    final int contractValueScale;
    private final long tickUnscaled;
    private final int tickScale;
    /**
     * Per side (by {@link Side#ordinal}), the positions ADL's ranking reads, in ref order: built at the side's first
     * ranking, and the ranking drops those it finds closed (a position once closed stays closed), so that each
     * ranking visits the open positions of its side only, each one a read scattered over the heap.
     */
    final PositionState[][] rankable = new PositionState[2][];
    final int[] rankableCount = new int[2];
    /**
     * What the ledger moved for this market, by class of line: held here because settlement tallies every position
     * at every mark it is read at, and a look-up by symbol each time would cost more than the sum.
     */
    final Ledger.Flows flows;

    void use(MarginSchedule s) {
        schedule = s;
        int n = s.tiers().size();
        tierFloors = new double[n];
        tierRates = new double[n];
        tierDeductions = new double[n];
        for (int i = 0; i < n; i++) {
            tierFloors[i] = s.tiers().get(i).floor().doubleValue();
            tierRates[i] = s.tiers().get(i).maintenanceRate().doubleValue();
            tierDeductions[i] = s.tiers().get(i).maintenanceAmount().doubleValue();
        }
        topRate = tierRates[n - 1];
        maintenanceRises = s.neverFalls();
    }

    MarketState(Market market, BigDecimal mark) {
        this.market = market;
        this.linear = market.type() == org.deleveraging.domain.ContractType.LINEAR;
        this.contractValue = market.contractValue().doubleValue();
        this.contractValueUnscaled = Money.unscaled(market.contractValue());
        this.contractValueScale = market.contractValue().scale();
        this.tickUnscaled = Money.unscaled(market.tickSize());
        this.tickScale = market.tickSize().scale();
        moveMark(mark);
        this.previousMark = mark;
        this.flows = new Ledger.Flows(market.settlementAsset(), market.symbol());
    }

    BigDecimal mark() { return mark; }

    void moveMark(BigDecimal newMark) {
        mark = newMark;
        markTicks = ticksOf(newMark);
        markDouble = newMark.doubleValue();
    }

    /** {@code price} in whole ticks, or {@link PositionState#OFF_GRID} when it is not on the grid or too far out. */
    long ticksOf(BigDecimal price) {
        if (tickUnscaled == Money.NOT_SMALL) return PositionState.OFF_GRID;
        BigDecimal[] qr = price.divideAndRemainder(market.tickSize());
        if (qr[1].signum() != 0 || qr[0].abs().compareTo(MAX_TICKS) > 0) return PositionState.OFF_GRID;
        return qr[0].longValueExact();
    }

    /** Beyond this many ticks a mark is settled as numbers: far from any real price, well inside a long. */
    private static final BigDecimal MAX_TICKS = BigDecimal.valueOf(1L << 50);

    /**
     * The linear profit of {@code contracts} (unscaled, at {@code contractsScale}) held long from {@code fromTicks} to
     * {@link #markTicks}, unscaled at {@link #pnlScale}; {@link Money#NOT_SMALL} when it leaves the long range.
     */
    long linearPnlUnscaled(long contracts, long fromTicks) {
        if (fromTicks == PositionState.OFF_GRID || markTicks == PositionState.OFF_GRID) return Money.NOT_SMALL;
        try {
            long product = Math.multiplyExact(Math.multiplyExact(contracts, markTicks - fromTicks), tickUnscaled);
            return product == Money.NOT_SMALL ? Money.NOT_SMALL : product;
        } catch (ArithmeticException overflow) {
            return Money.NOT_SMALL;
        }
    }

    /** The scale of {@link #linearPnlUnscaled} for contracts at {@code contractsScale}. */
    int pnlScale(int contractsScale) { return contractsScale + tickScale; }

    record Fill(BigDecimal size, BigDecimal price, double from, double to) {
        boolean isEmpty() { return size.signum() == 0; }
    }

    /**
     * The fill an order closing {@code size} contracts of a {@code side} position would get, at prices no worse than
     * {@code limit} (null: no limit). A long closes by selling into the bids, a short by buying the asks.
     */
    Fill quote(Side side, BigDecimal size, BigDecimal limit) {
        boolean sell = side == Side.LONG;
        double depth = (sell ? market.liquidity().bidDepth() : market.liquidity().askDepth()).doubleValue()
                * depthMultiplier / 0.01;   // notional per unit fraction of price
        double used = sell ? bidUsed : askUsed;
        double m = mark.doubleValue();
        // the book holds orders down to 1 % of the mark and up to twice it; beyond that nothing fills
        double maxFraction = sell ? 0.99 : 1.0;
        if (limit != null) {
            double l = limit.doubleValue();
            maxFraction = Math.min(maxFraction, sell ? 1 - l / m : l / m - 1);
        }
        double room = (maxFraction - used) * depth;
        if (room <= 0 || depth <= 0) return new Fill(BigDecimal.ZERO, mark, used, used);
        double wanted = market.quoteNotional(size, mark).doubleValue();
        BigDecimal filled = wanted <= room ? size
                : market.toLotsDown(size.multiply(BigDecimal.valueOf(room / wanted)));
        if (filled.signum() == 0) return new Fill(BigDecimal.ZERO, mark, used, used);
        double to = used + market.quoteNotional(filled, mark).doubleValue() / depth;
        double avg = (used + to) / 2;
        BigDecimal price = market.toTick(BigDecimal.valueOf(sell ? m * (1 - avg) : m * (1 + avg)));
        if (limit != null && (sell ? price.compareTo(limit) < 0 : price.compareTo(limit) > 0)) price = limit;
        return new Fill(filled, price, used, to);
    }

    void commit(Side side, Fill fill) {
        if (side == Side.LONG) {
            bidUsed = fill.to();
            roundImpact -= fill.to() - fill.from();
        } else {
            askUsed = fill.to();
            roundImpact += fill.to() - fill.from();
        }
    }

    void startStep(BigDecimal newMark, double multiplier) {
        previousMark = mark;
        moveMark(newMark);
        depthMultiplier = multiplier;
        bidUsed = 0;
        askUsed = 0;
        roundImpact = 0;
    }
}

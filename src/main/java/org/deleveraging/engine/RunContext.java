package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Money;
import org.deleveraging.engine.PolicySettings.FundGranularity;

/** The state of one run shared by the stages: ledger, markets, settings, the current step and round, the record. */
final class RunContext {
    final PolicySettings settings;
    final Decisions decisions;
    final Ledger ledger;
    final Map<String, MarketState> markets;
    final RunRecorder recorder;
    final long seed;
    /** Every position of the run by its {@link PositionState#ref} (numbered from 0 when the run opens). */
    final PositionState[] positionsByRef;
    int step;
    int round;
    /** Read by the stages' long loops ({@link Cancellation#check()}); set by the engine before the first step. */
    Cancellation cancel = Cancellation.NEVER;
    /** Fund balances at the end of each step, for windowed triggers. */
    final Map<String, List<BigDecimal>> fundHistory = new TreeMap<>();
    /** Per fund, per market: cumulative contribution, and its history per step. */
    final Map<String, BigDecimal> fundMarketPnl = new HashMap<>();
    final Map<String, List<BigDecimal>> fundMarketPnlHistory = new HashMap<>();
    /** Per fund and market ("key|market"): whether ADL took part in the market's last shortfall ({@code FundState}). */
    final Map<String, Boolean> fundMarketAdlEngaged = new HashMap<>();

    RunContext(PolicySettings settings, Decisions decisions, Ledger ledger, Map<String, MarketState> markets,
               RunRecorder recorder, long seed) {
        this.settings = settings;
        this.decisions = decisions;
        this.ledger = ledger;
        this.markets = new LinkedHashMap<>(markets);
        this.recorder = recorder;
        this.seed = seed;
        int n = 0;
        for (MarketState ms : markets.values()) n += ms.positions.size();
        positionsByRef = new PositionState[n];
        for (MarketState ms : markets.values()) for (PositionState p : ms.positions) positionsByRef[p.ref] = p;
        for (MarketState ms : markets.values()) ms.use(settings.margin().forMarket(ms.market.symbol()));
    }

    MarketState market(String symbol) { return markets.get(symbol); }



    BigDecimal mark(PositionState p) { return p.state.mark(); }

    /** The key of a market within a fund, for the per-fund, per-market figures. */
    static String fundMarket(String fundKey, String market) { return fundKey + "|" + market; }

    BigDecimal notional(PositionState p) { return p.market.notional(p.size(), mark(p)); }

    /**
     * What a position's margin is charged on, and its tier read from: its value at the mark, or at its entry price
     * where the policy's table says so ({@link MarginSchedule#chargedAtEntry}; coin-margined tables, issue 23).
     */
    BigDecimal marginBase(PositionState p) {
        return schedule(p).chargedAtEntry() ? p.market.value(p.size(), p.entryPrice) : notional(p);
    }

    /** The maintenance margin: the table's, and the fee to close on the value at the mark where the policy adds it. */
    BigDecimal maintenance(PositionState p) { return maintenance(p, marginBase(p)); }

    /** {@link #maintenance(PositionState)}, given the position's {@link #marginBase} already worked out. */
    BigDecimal maintenance(PositionState p, BigDecimal marginBase) {
        BigDecimal table = schedule(p).maintenance(marginBase);
        return settings.liquidation().feeToClose().inMaintenance() ? table.add(feeToClose(p)) : table;
    }

    /** The taker fee to close the position at the mark: {@code feeToClose.rate} x its value there. */
    BigDecimal feeToClose(PositionState p) { return notional(p).multiply(settings.liquidation().feeToClose().rate()); }

    MarginSchedule schedule(PositionState p) { return p.state.schedule; }

    BigDecimal poolMaintenance(PoolState pool) {
        ExactSum mm = new ExactSum();
        for (PositionState p : pool.positions()) if (p.isOpen()) mm.add(maintenance(p));
        return mm.value();
    }

    BigDecimal poolUnrealizedPnl(PoolState pool) {
        ExactSum u = new ExactSum();
        for (PositionState p : pool.positions()) if (p.isOpen()) u.add(p.unrealizedPnl(mark(p)));
        return u.value();
    }

    /** The insurance fund that pays for losses in {@code market}, or null when the policy has none. */
    String fundKey(String market, String asset) {
        FundGranularity g = settings.insuranceFund().granularity();
        if (g == FundGranularity.NONE) return null;
        String key = g == FundGranularity.PER_MARKET ? market : asset;
        ledger.fundAssets.putIfAbsent(key, asset);
        return key;
    }

    /** Records a fund movement attributed to a market (Bybit's per-symbol PnL). */
    void fundMarketFlow(String fundKey, String market, BigDecimal amount) {
        fundMarketPnl.merge(fundMarket(fundKey, market), amount, BigDecimal::add);
    }

    BigDecimal windowMax(List<BigDecimal> history, BigDecimal current) {
        BigDecimal max = current;
        if (history != null) {
            int from = Math.max(0, history.size() - settings.insuranceFund().windowSteps());
            for (int i = from; i < history.size(); i++) max = Money.max(max, history.get(i));
        }
        return max;
    }

    /**
     * Moves a market's mark. Pools settle their positions' profit when next read ({@link PoolState#cash()}): a linear
     * profit is exact whichever marks it is settled through. An inverse profit is rounded once per settlement, so
     * positions of an inverse market are settled at every mark, as the rounding is documented.
     */
    void settle(MarketState ms, BigDecimal newMark) {
        ms.path += Math.abs(pathCoordinate(ms, newMark) - pathCoordinate(ms, ms.mark()));
        ms.moveMark(newMark);
        ledger.marks++;
        if (ms.market.type() == org.deleveraging.domain.ContractType.INVERSE)
            for (PositionState p : ms.positions) if (p.isOpen()) p.pool.settle();
    }

    static double pathCoordinate(MarketState ms, BigDecimal mark) {
        double m = mark.doubleValue();
        return ms.market.type() == org.deleveraging.domain.ContractType.LINEAR ? m : 1 / m;
    }

    void endStep() {
        for (var e : ledger.funds.entrySet())
            fundHistory.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        for (var e : fundMarketPnl.entrySet())
            fundMarketPnlHistory.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
}

package org.deleveraging.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.InsuranceFunds;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;

/**
 * Runs a policy over an account set under a scenario. For each step: apply marks, then rounds of margin check,
 * liquidation, loss waterfall (with ADL) and cascade (the fills' impact moves the marks) until no pool is liquidated
 * or the policy's round cap is hit.
 *
 * <p>The engine owns the accounting; the policy's {@link Decisions} only decide, and a decision about anything the
 * engine did not put to them aborts the run ({@link PolicyViolation}). Every movement of value goes through the
 * {@link Ledger}; at the end of the run the total per asset is checked, and the ledger's audit proves each class of
 * line and each market moved by exactly what it recorded.
 */
public final class Engine {

    public RunResult run(PolicySettings settings, Decisions decisions, AccountSet set, Scenario scenario, long seed,
                         RunListener listener) {
        return run(settings, decisions, set, scenario, seed, listener, Cancellation.NEVER);
    }

    /**
     * As {@link #run(PolicySettings, Decisions, AccountSet, Scenario, long, RunListener)}, stopping with
     * {@link Cancellation.Cancelled} soon after {@code cancel} is set: it is read between rounds, inside the stages'
     * loops over pools, positions and bankrupt pools, and between the rules' firings, so that a run over a million
     * positions stops within a fraction of a second. A cancelled run returns nothing and leaves nothing behind.
     */
    public RunResult run(PolicySettings settings, Decisions decisions, AccountSet set, Scenario scenario, long seed,
                         RunListener listener, Cancellation cancel) {
        cancel.check();
        Map<String, MarketState> markets = openMarkets(set, scenario.steps().get(0));
        Ledger ledger = new Ledger(openPools(set, markets), markets.values());
        RunRecorder recorder = new RunRecorder();
        RunContext ctx = new RunContext(settings, decisions, ledger, markets, recorder, seed);
        ctx.cancel = cancel;
        decisions.cancelWith(cancel);
        openFundsAndVaults(ctx, set, scenario);
        // the run's own state holds all it needs: a caller that handed the set over frees it now (a 1M-position set
        // is a few hundred MB the collector would otherwise carry through the run)
        set = null;
        settleFromEntry(ctx);
        Equities startEquity = accountEquity(ledger);
        Map<String, LedgerSnapshot> totalsStart = totals(ledger);
        Ledger.Opening opening = ledger.opening(totalsStart);

        LiquidationStage liquidation = new LiquidationStage(ctx);
        AdlStage adl = new AdlStage(ctx, liquidation);
        WaterfallStage waterfall = new WaterfallStage(ctx, liquidation, adl, new HaircutStage(ctx));
        List<ScenarioStep> steps = scenario.steps();
        for (int s = 0; s < steps.size(); s++) {
            ctx.step = s;
            cancel.check();
            applyMarks(ctx, steps.get(s), s == 0);
            int round = 0;
            boolean capHit = false;
            while (true) {
                ctx.round = ++round;
                cancel.check();
                LiquidationStage.Outcome out = liquidation.run();
                waterfall.run(out.bankrupt());
                cascade(ctx);
                // a quiet round settles the clawback that waited for it; the winners it pushes under are liquidated
                // next
                if (out.decided() == 0 && !waterfall.settleClawback()) break;
                if (round >= settings.liquidation().maxRounds()) {
                    capHit = true;
                    break;
                }
            }
            waterfall.settleClawback();
            ctx.endStep();
            recorder.closeStep(ctx, round, capHit);
            listener.onStep(s + 1, steps.size());
        }
        cancel.check();
        Map<String, LedgerSnapshot> totalsEnd = totals(ledger);
        if (!totalsStart.keySet().equals(totalsEnd.keySet()) || totalsStart.keySet().stream()
                .anyMatch(a -> totalsStart.get(a).total().compareTo(totalsEnd.get(a).total()) != 0))
            throw new IllegalStateException("engine bug: value not conserved, " + totalsStart + " became " + totalsEnd);
        ledger.audit(opening, totalsEnd);
        return new RunResult(recorder.events(), recorder.steps(), outcomes(ledger, recorder, startEquity),
                recorder.queues(), new TreeMap<>(ledger.funds), new TreeMap<>(ledger.badDebt), totalsStart, totalsEnd,
                new TreeMap<>(decisions.firings()), recorder.largestProfitHaircut());
    }

    private static Map<String, MarketState> openMarkets(AccountSet set, ScenarioStep first) {
        Map<String, MarketState> out = new LinkedHashMap<>();
        for (Market m : set.markets().values()) {
            BigDecimal mark = first.marks().get(m.symbol());
            if (mark == null) throw new IllegalArgumentException("scenario step 0 has no mark for market "
                    + m.symbol());
            // on the tick grid from the start, as every later mark is: start equity is measured at this mark
            out.put(m.symbol(), new MarketState(m, m.toTick(mark)));
        }
        return out;
    }

    /** One pool per cross account, and for an isolated account one per position plus one for its free wallet. */
    private static List<PoolState> openPools(AccountSet set, Map<String, MarketState> markets) {
        List<Account> accounts = new ArrayList<>(set.accounts());
        accounts.sort(Comparator.comparing(Account::id));
        List<PoolState> pools = new ArrayList<>();
        int ref = 0;
        for (Account a : accounts) {
            String asset = assetOf(a, set);
            RunRecorder.Tally tally = new RunRecorder.Tally();
            PoolState main = new PoolState(pools.size(), a.id(), false, asset, false, a.walletBalance());
            main.tally = tally;
            pools.add(main);
            for (Position p : a.positions()) {
                MarketState ms = markets.get(p.market());
                PoolState pool = main;
                if (a.mode() == MarginMode.ISOLATED) {
                    pool = new PoolState(pools.size(), a.id(), true, asset, false, p.isolatedMargin());
                    pool.tally = tally;
                    pools.add(pool);
                }
                PositionState ps = new PositionState(ref++, pool, ms, p.side(), p.size(), p.entryPrice());
                pool.add(ps);
                ms.positions.add(ps);
            }
        }
        return pools;
    }

    private static String assetOf(Account a, AccountSet set) {
        return a.positions().isEmpty() ? set.markets().values().iterator().next().settlementAsset()
                : set.market(a.positions().get(0).market()).settlementAsset();
    }

    private static void openFundsAndVaults(RunContext ctx, AccountSet set, Scenario scenario) {
        TreeSet<String> assets = new TreeSet<>();
        for (Market m : set.markets().values()) assets.add(m.settlementAsset());
        Ledger ledger = ctx.ledger;
        switch (ctx.settings.insuranceFund().granularity()) {
            case PER_MARKET -> InsuranceFunds.perMarket(scenario, set).forEach((symbol, amount) ->
                    ledger.funds.put(ctx.fundKey(symbol, set.market(symbol).settlementAsset()), amount));
            case SHARED -> InsuranceFunds.perAsset(scenario, set).forEach((asset, amount) ->
                    ledger.funds.put(ctx.fundKey(asset, asset), amount));
            case NONE -> { }
        }
        for (String asset : assets) {
            BigDecimal capital = scenario.backstopCapital().get(asset);
            if (capital != null) ledger.addVault(
                    new PoolState(-1 - ledger.vaults.size(), "@vault:" + asset, false, asset, true, capital));
        }
    }

    /** Positions open settled at their entry price; their profit to the first mark is settled now. */
    private static void settleFromEntry(RunContext ctx) {
        for (PoolState pool : ctx.ledger.pools) pool.settle();
    }

    private static void applyMarks(RunContext ctx, ScenarioStep step, boolean first) {
        for (MarketState ms : ctx.markets.values()) {
            String symbol = ms.market.symbol();
            BigDecimal mark = step.marks().get(symbol);
            if (mark == null) throw new IllegalArgumentException("scenario step " + ctx.step
                    + " has no mark for market " + symbol);
            BigDecimal previous = ms.mark();
            ctx.settle(ms, ms.market.toTick(mark));
            ms.startStep(ms.mark(), step.depthMultiplier(symbol).doubleValue());
            if (!first) ms.previousMark = previous;
        }
    }

    /** The permanent part of this round's liquidation flow moves each market's mark. */
    private static void cascade(RunContext ctx) {
        for (MarketState ms : ctx.markets.values()) {
            double impact = ms.roundImpact;
            ms.roundImpact = 0;
            if (!ctx.settings.liquidation().closeOutMovesMark() || impact == 0) continue;
            double permanent = ms.market.liquidity().permanentImpact().doubleValue();
            BigDecimal moved = ms.market.toTick(BigDecimal.valueOf(ms.mark().doubleValue() * (1 + permanent * impact)));
            if (moved.compareTo(ms.mark()) != 0) ctx.settle(ms, moved);
        }
    }

    /**
     * Each account's equity, in account order: the pools come in that order, an account's pools together
     * ({@link #openPools}). Columns rather than a map: half a million accounts, read once at the start and once at
     * the end, in the same order.
     */
    private record Equities(List<String> accounts, List<BigDecimal> equity, List<RunRecorder.Tally> tallies) {}

    private static Equities accountEquity(Ledger ledger) {
        List<String> accounts = new ArrayList<>();
        List<BigDecimal> equity = new ArrayList<>();
        List<RunRecorder.Tally> tallies = new ArrayList<>();
        String account = null;
        BigDecimal sum = null;
        for (PoolState p : ledger.pools) {
            if (p.accountId.equals(account)) {
                sum = sum.add(p.cash());
                continue;
            }
            if (account != null) {
                accounts.add(account);
                equity.add(sum);
            }
            account = p.accountId;
            sum = p.cash();
            tallies.add(p.tally);
        }
        if (account != null) {
            accounts.add(account);
            equity.add(sum);
        }
        return new Equities(accounts, equity, tallies);
    }

    private static Map<String, LedgerSnapshot> totals(Ledger ledger) {
        TreeSet<String> assets = new TreeSet<>();
        // a book has a handful of assets over 750k pools at 1M: a tree look-up per pool was 1 % of the run
        String last = null;
        for (PoolState p : ledger.pools) {
            if (p.asset.equals(last)) continue;
            assets.add(p.asset);
            last = p.asset;
        }
        assets.addAll(ledger.fundAssets.values());
        assets.addAll(ledger.vaults.keySet());
        Map<String, LedgerSnapshot> out = new TreeMap<>();
        for (String a : assets) out.put(a, ledger.snapshot(a));
        return out;
    }

    private static List<AccountOutcome> outcomes(Ledger ledger, RunRecorder rec, Equities start) {
        Equities end = accountEquity(ledger);
        if (!end.accounts().equals(start.accounts()))
            throw new IllegalStateException(
                    "engine bug: the accounts at the end of the run are not those at its start");
        List<AccountOutcome> out = new ArrayList<>(end.accounts().size());
        for (int i = 0; i < end.accounts().size(); i++) {
            String account = end.accounts().get(i);
            out.add(rec.outcome(account, end.tallies().get(i), start.equity().get(i), end.equity().get(i)));
        }
        return out;
    }
}

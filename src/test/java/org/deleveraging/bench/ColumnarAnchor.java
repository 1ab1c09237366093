package org.deleveraging.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.InsuranceFunds;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.MarginTier;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.engine.PolicySettings;

/**
 * The physical-limit anchor of issue 25: the engine's arithmetic per position per round, done by a plain-Java loop
 * over primitive columns, so that the engine's time can be set against what a columnar engine could reach on the same
 * book under the same scenario.
 *
 * <p><b>What it holds.</b> Per market, its positions as columns: signed size (in lots' units: 10^-lot scale), entry
 * price and settled mark (in 10^-tick scale), and the position's pool; per pool its cash, maintenance margin and
 * notional as longs; per pool the ids of its positions. Money is fixed point at the largest scale of size x contract
 * value x price among the book's markets (5 places for the demo markets), rates at 6 places; the contract value is
 * folded into each market's scaling factor, so that size x contract value x (mark - settled) is one product. A cross
 * account is one pool, an isolated account one pool per position plus one for its wallet, as in the engine. Building
 * the columns from the {@link AccountSet} is part of the timed run, as {@code Engine.run} builds its state from the
 * set; it is reported apart ({@link Result#loadNanos}).
 *
 * <p><b>What it does, per step</b> (marks onto the tick grid, the book's depth multiplier, the book's used depth reset)
 * <b>and per round</b>:
 * <ol>
 *   <li>for every open position: settle its linear profit to the market's mark, size x contract value x (mark -
 *       settled), into its pool's cash; its notional at the mark (at entry where the table says so), its tier in the
 *       market's table (the policy's {@link MarginSchedule}, read through {@link PolicySettings.Margin#forMarket}),
 *       maintenance += notional x rate - deduction, into its pool;</li>
 *   <li>for every pool with open positions: the liquidation screen (equity not positive, or below maintenance x the
 *       policy's screen, in doubles as the engine's first look), then the exact comparison with maintenance;</li>
 *   <li>for every pool below maintenance: each position's share of the pool's equity and its bankruptcy price, the
 *       order's limit (the policy's {@code orderLimit}: bankruptcy, slippage or none), a fill against the market's
 *       linear depth model (the room left in the book, the filled size in whole lots, the average price walked, onto
 *       the tick grid, capped at the limit), the fill's profit against the mark into the pool, the fee, the book's used
 *       depth and the round's impact;</li>
 *   <li>for a pool left below zero or with size the book did not take: the insurance fund first (per market or
 *       shared, as the policy says; the backstop vault's capital joins the shared one), then, for a policy that
 *       ranks (its rules have {@code RANK-} rules), ADL: the opposite side of the market ranked once per step (for
 *       every open candidate: unrealised profit, value at entry and at the mark, the pool's equity, the score by the
 *       policy's formula, {@link Loss}), sorted by score (a radix sort on the score's bits, as the engine's), each
 *       place's size percentile, then the queue walked from its head at the bankruptcy price, each fill cut to what
 *       the counterparty's equity bears; for a policy that does not rank, the deficit waits for the quiet round's
 *       capped pro-rata haircut (every pool's unrealised profit, its cap, the winners sorted by cap share,
 *       water-filled);</li>
 *   <li>the cascade: the permanent part of each market's impact moves its mark.</li>
 * </ol>
 * Rounds go on until a round liquidates nobody and settles no haircut, or the policy's {@code maxRounds}, and never
 * stop before the number of rounds the engine took in that step ({@code minRounds}): each round it does every
 * position's settlement and margin, so it does at least the engine's per-position arithmetic in each of the engine's
 * rounds.
 *
 * <p><b>What it does not do.</b> It does not give the engine's results and is not checked against them. It measures
 * every pool every round, where the engine's margin watch skips the pools its marks cannot have hurt: a columnar
 * engine with that watch could do less than this. It has no rules (a pool below maintenance is closed whole: no tier
 * step-down, no partial liquidation, no backstop take-over), no ledger lines, events, queue records, audit or checks,
 * no decimal rounding beyond its fixed point, no fee to close in maintenance, no inverse markets (it refuses them), and
 * closes ADL at the bankruptcy price whatever the policy's close-price rule. What is left to a position closed, ranked
 * or walked is the arithmetic the engine's stages do for it: equity share, bankruptcy price, limit, fill, price, profit
 * and fee; value, profit, score, sort and percentile; the cut to the counterparty's equity and the fill.
 */
final class ColumnarAnchor {
    /** Rates and the screen at 6 places. */
    private static final long RATE_ONE = 1_000_000L;

    /** How the loss a pool leaves is shared: the ranking formula of a policy that ranks, or the haircut. */
    enum Loss {
        /** BitMEX's ranking: PnL% x effective leverage for a winner, PnL% / leverage for a loser. */
        PNL_TIMES_LEVERAGE,
        /** Hyperliquid's: mark over entry (entry over mark for a short) x notional over the pool's equity. */
        MARK_OVER_ENTRY,
        /** No ranking: the capped pro-rata haircut of the winners' profit when the cascade is quiet. */
        HAIRCUT;

        /** The loss sharing a policy's rule names say it has. */
        static Loss of(List<String> ruleNames) {
            if (ruleNames.stream().anyMatch(n -> n.startsWith("RANK-HL"))) return MARK_OVER_ENTRY;
            if (ruleNames.stream().anyMatch(n -> n.startsWith("RANK-"))) return PNL_TIMES_LEVERAGE;
            return HAIRCUT;
        }
    }

    /**
     * What a run did, so that a fast run can be told from an idle one.
     *
     * @param visits the positions settled and measured, summed over the rounds
     * @param checksum the pools' cash and the funds at the end, so that no work is dead code
     */
    record Result(int[] rounds, long visits, long liquidated, long bookFills, long ranked, long adlFills,
                  long haircuts, long loadNanos, long checksum) {
        /** As a RESULT line's fields. */
        String fields() {
            StringBuilder r = new StringBuilder();
            for (int x : rounds) r.append(r.isEmpty() ? "" : ",").append(x);
            return String.format(Locale.ROOT, "anchorRounds=%s anchorVisits=%d anchorLiquidated=%d anchorBookFills=%d"
                    + " anchorRanked=%d anchorAdlFills=%d anchorHaircuts=%d anchorLoad=%.1f", r, visits, liquidated,
                    bookFills, ranked, adlFills, haircuts, loadNanos / 1e6);
        }
    }

    private final PolicySettings settings;
    private final Loss loss;
    private final Scenario scenario;

    // markets
    private final int markets;
    private final String[] symbols;
    /** Market m's positions are start[m] .. start[m + 1] - 1. */
    private final int[] start;
    /** Contract value x 10^(cash scale - lot scale - tick scale): a size x price product to cash units. */
    private final long[] mult;
    private final double[] sizeUnit;
    private final double[] priceUnit;
    private final long[] tick;
    private final long[] lot;
    private final boolean[] atEntry;
    /** The table per market: floors in cash units, rates x 10^6, deductions in cash units x 10^6. */
    private final long[][] floors;
    private final long[][] rates;
    private final long[][] deductions;
    private final double[] bidDepth;
    private final double[] askDepth;
    private final double[] permanent;
    private final long[] mark;
    private final double[] depthMultiplier;
    private final double[] bidUsed;
    private final double[] askUsed;
    private final double[] impact;
    /** The funds: one per market, then one shared ({@code markets}). */
    private final long[] fund;
    /** Per market and side (2m + side, 0 long, 1 short): the ranked queue, its step and its walk's state. */
    private final int[][] queue;
    private final int[] queueStep;
    private final int[] queueHead;
    private final int[] failHead;
    private final long[] failStamp;

    // positions
    private final long[] size;
    private final long[] entry;
    private final long[] settled;
    private final int[] pool;
    private final byte[] marketOf;

    // pools
    private final long[] cash;
    private final long[] maint;
    private final long[] notional;
    private final int[] poolStart;
    private final int[] poolPositions;
    private final long[] bankruptStamp;

    // the cash scale, as a double: 10^-scale
    private final double cashUnit;
    private final double screen;
    private final long feeRate;
    private final double slippage;
    private final boolean surplusToFund;

    // the run's state
    private long stamp;
    private int step;
    private int[] pending = new int[64];
    private int pendingCount;
    private long[] keys = new long[0];
    private long[] keysTo = new long[0];
    private int[] values = new int[0];
    private int[] valuesTo = new int[0];

    private long visits, liquidated, bookFills, ranked, adlFills, haircuts, percentiles;
    /** The haircut's working columns, by pool and by place in the cap-share order. */
    private long[] poolProfit, poolCap, amount;

    /**
     * Builds the columns and runs the scenario.
     *
     * @param minRounds per step, the rounds the engine took (null: none), which the anchor does at least
     */
    static Result run(AccountSet set, Scenario scenario, PolicySettings settings, Loss loss, int[] minRounds) {
        long t0 = System.nanoTime();
        ColumnarAnchor a = new ColumnarAnchor(set, scenario, settings, loss);
        long load = System.nanoTime() - t0;
        int[] rounds = a.run(minRounds);
        long sum = 0;
        for (long c : a.cash) sum += c;
        for (long f : a.fund) sum += f;
        sum += a.percentiles;
        return new Result(rounds, a.visits, a.liquidated, a.bookFills, a.ranked, a.adlFills, a.haircuts, load, sum);
    }

    private ColumnarAnchor(AccountSet set, Scenario scenario, PolicySettings settings, Loss loss) {
        this.settings = settings;
        this.loss = loss;
        this.scenario = scenario;
        List<Market> ms = List.copyOf(set.markets().values());
        markets = ms.size();
        if (markets > Byte.MAX_VALUE) throw new IllegalArgumentException("the anchor takes at most 127 markets");
        symbols = new String[markets];
        Map<String, Integer> index = new HashMap<>();
        int[] sizeScale = new int[markets], priceScale = new int[markets], valueScale = new int[markets];
        int cashScale = 0;
        for (int m = 0; m < markets; m++) {
            Market mk = ms.get(m);
            if (mk.type() != ContractType.LINEAR)
                throw new IllegalArgumentException(mk.symbol() + ": the anchor settles linear markets only");
            symbols[m] = mk.symbol();
            index.put(mk.symbol(), m);
            sizeScale[m] = Math.max(0, mk.lotSize().stripTrailingZeros().scale());
            priceScale[m] = Math.max(0, mk.tickSize().stripTrailingZeros().scale());
            valueScale[m] = Math.max(0, mk.contractValue().stripTrailingZeros().scale());
            cashScale = Math.max(cashScale, sizeScale[m] + valueScale[m] + priceScale[m]);
        }
        cashUnit = Math.pow(10, -cashScale);
        mult = new long[markets];
        sizeUnit = new double[markets];
        priceUnit = new double[markets];
        tick = new long[markets];
        lot = new long[markets];
        atEntry = new boolean[markets];
        floors = new long[markets][];
        rates = new long[markets][];
        deductions = new long[markets][];
        bidDepth = new double[markets];
        askDepth = new double[markets];
        permanent = new double[markets];
        mark = new long[markets];
        depthMultiplier = new double[markets];
        bidUsed = new double[markets];
        askUsed = new double[markets];
        impact = new double[markets];
        for (int m = 0; m < markets; m++) {
            Market mk = ms.get(m);
            // the contract value folded into the product's scaling: one multiplication does both
            mult[m] = Math.multiplyExact(units(mk.contractValue(), valueScale[m]),
                    BigInteger.TEN.pow(cashScale - sizeScale[m] - valueScale[m] - priceScale[m]).longValueExact());
            sizeUnit[m] = Math.pow(10, -sizeScale[m]) * mk.contractValue().doubleValue();
            priceUnit[m] = Math.pow(10, -priceScale[m]);
            tick[m] = units(mk.tickSize(), priceScale[m]);
            lot[m] = units(mk.lotSize(), sizeScale[m]);
            MarginSchedule s = settings.margin().forMarket(mk.symbol());
            atEntry[m] = s.chargedAtEntry();
            int n = s.tiers().size();
            floors[m] = new long[n];
            rates[m] = new long[n];
            deductions[m] = new long[n];
            for (int t = 0; t < n; t++) {
                MarginTier tier = s.tiers().get(t);
                floors[m][t] = units(tier.floor(), cashScale);
                rates[m][t] = units(tier.maintenanceRate(), 6);
                deductions[m][t] = units(tier.maintenanceAmount(), cashScale + 6);
            }
            bidDepth[m] = mk.liquidity().bidDepth().doubleValue();
            askDepth[m] = mk.liquidity().askDepth().doubleValue();
            permanent[m] = mk.liquidity().permanentImpact().doubleValue();
        }
        PolicySettings.Liquidation l = settings.liquidation();
        screen = l.screen().doubleValue();
        feeRate = units(l.feeRate().add(l.feeToClose().rate()), 6);
        slippage = l.slippage() == null ? 0 : l.slippage().doubleValue();
        surplusToFund = l.surplusTo() == PolicySettings.SurplusTo.INSURANCE_FUND;

        // two passes over the accounts: the counts, then the columns
        int[] perMarket = new int[markets];
        int pools = 0, positions = 0;
        for (Account a : set.accounts()) {
            pools += 1 + (a.mode() == MarginMode.ISOLATED ? a.positions().size() : 0);
            for (Position p : a.positions()) perMarket[index.get(p.market())]++;
            positions += a.positions().size();
        }
        start = new int[markets + 1];
        for (int m = 0; m < markets; m++) start[m + 1] = start[m] + perMarket[m];
        int[] cursor = Arrays.copyOf(start, markets);
        size = new long[positions];
        entry = new long[positions];
        settled = new long[positions];
        pool = new int[positions];
        marketOf = new byte[positions];
        cash = new long[pools];
        maint = new long[pools];
        notional = new long[pools];
        bankruptStamp = new long[pools];
        poolStart = new int[pools + 1];
        poolPositions = new int[positions];
        long[] largest = new long[markets];
        int p = 0, k = 0;
        for (Account a : set.accounts()) {
            boolean isolated = a.mode() == MarginMode.ISOLATED;
            int main = p++;
            cash[main] = units(a.walletBalance(), cashScale);
            poolStart[main] = k;
            for (Position x : a.positions()) {
                int m = index.get(x.market());
                int at = cursor[m]++;
                int owner = main;
                if (isolated) {
                    owner = p++;
                    cash[owner] = units(x.isolatedMargin(), cashScale);
                    poolStart[owner] = k;
                }
                long units = units(x.size(), sizeScale[m]);
                largest[m] = Math.max(largest[m], units);
                size[at] = x.side().sign() * units;
                entry[at] = units(x.entryPrice(), priceScale[m]);
                settled[at] = entry[at];
                pool[at] = owner;
                marketOf[at] = (byte) m;
                poolPositions[k++] = at;
            }
        }
        poolStart[pools] = positions;
        checkRange(largest, scenario, priceScale, cashScale);

        fund = new long[markets + 1];
        switch (settings.insuranceFund().granularity()) {
            case PER_MARKET -> {
                for (var e : InsuranceFunds.perMarket(scenario, set).entrySet())
                    fund[index.get(e.getKey())] += units(e.getValue(), cashScale);
            }
            case SHARED -> {
                for (BigDecimal amount : InsuranceFunds.perAsset(scenario, set).values())
                    fund[markets] += units(amount, cashScale);
            }
            case NONE -> { }
        }
        // the backstop vault's capital stands behind the shared fund: the anchor has no take-over
        for (BigDecimal capital : scenario.backstopCapital().values()) fund[markets] += units(capital, cashScale);
        queue = new int[2 * markets][];
        queueStep = new int[2 * markets];
        Arrays.fill(queueStep, -1);
        queueHead = new int[2 * markets];
        failHead = new int[2 * markets];
        failStamp = new long[2 * markets];
    }

    /**
     * The loops use plain long arithmetic, as a columnar engine would after checking its book once: the largest
     * maintenance product (notional x the table's top rate), at twice the highest mark a step gives, must fit a long
     * four times over: a pool of the demo's book holds at most three positions.
     */
    private void checkRange(long[] largest, Scenario scenario, int[] priceScale, int cashScale) {
        for (int m = 0; m < markets; m++) {
            BigDecimal highest = BigDecimal.ZERO;
            for (ScenarioStep s : scenario.steps()) {
                BigDecimal x = s.marks().get(symbols[m]);
                if (x != null && x.compareTo(highest) > 0) highest = x;
            }
            long topRate = Arrays.stream(rates[m]).max().orElse(0);
            BigInteger product = BigInteger.valueOf(largest[m]).multiply(BigInteger.valueOf(2 * units(highest,
                    priceScale[m]))).multiply(BigInteger.valueOf(mult[m])).multiply(BigInteger.valueOf(
                    Math.max(topRate, 1))).shiftLeft(2);
            if (product.bitLength() > 63)
                throw new IllegalArgumentException(symbols[m] + ": a position of " + largest[m] + " units at "
                        + highest + " is too large for the anchor's fixed point at " + cashScale + " places");
        }
    }

    private static long units(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    private int[] run(int[] minRounds) {
        List<ScenarioStep> steps = scenario.steps();
        int maxRounds = settings.liquidation().maxRounds();
        int[] rounds = new int[steps.size()];
        for (step = 0; step < steps.size(); step++) {
            startStep(steps.get(step));
            int round = 0;
            while (true) {
                round++;
                stamp++;
                measure();
                long closed = liquidateRound();
                cascade();
                boolean settledHaircut = closed == 0 && pendingCount > 0 && haircut();
                if (round >= maxRounds) break;
                int floor = minRounds == null || step >= minRounds.length ? 0 : minRounds[step];
                if (closed == 0 && !settledHaircut && round >= floor) break;
            }
            if (pendingCount > 0) haircut();
            rounds[step] = round;
        }
        return rounds;
    }

    private void startStep(ScenarioStep s) {
        for (int m = 0; m < markets; m++) {
            BigDecimal x = s.marks().get(symbols[m]);
            if (x == null) throw new IllegalArgumentException("step " + step + " has no mark for " + symbols[m]);
            mark[m] = onTick(x.doubleValue(), m);
            depthMultiplier[m] = s.depthMultiplier(symbols[m]).doubleValue();
            bidUsed[m] = 0;
            askUsed[m] = 0;
            impact[m] = 0;
        }
    }

    /** A price onto the market's tick grid, in price units (never below one tick). */
    private long onTick(double price, int m) {
        long t = Math.round(price / (tick[m] * priceUnit[m])) * tick[m];
        return t > 0 ? t : tick[m];
    }

    /** Every open position: its profit settled to the mark, its notional, tier and maintenance into its pool. */
    private void measure() {
        Arrays.fill(maint, 0);
        Arrays.fill(notional, 0);
        long[] size = this.size, settled = this.settled, entry = this.entry, cash = this.cash, maint = this.maint,
                notional = this.notional;
        int[] pool = this.pool;
        long open = 0;
        for (int m = 0; m < markets; m++) {
            long mk = mark[m], mu = mult[m];
            long[] fl = floors[m], rt = rates[m], dd = deductions[m];
            int tiers = fl.length;
            boolean byEntry = atEntry[m];
            int end = start[m + 1];
            for (int i = start[m]; i < end; i++) {
                long sz = size[i];
                if (sz == 0) continue;
                int p = pool[i];
                long d = mk - settled[i];
                if (d != 0) {
                    cash[p] += sz * d * mu;
                    settled[i] = mk;
                }
                long n = Math.abs(sz) * (byEntry ? entry[i] : mk) * mu;
                int t = 0;
                while (t + 1 < tiers && n > fl[t + 1]) t++;
                maint[p] += n * rt[t] - dd[t];
                notional[p] += n;
                open++;
            }
        }
        visits += open;
    }

    /** The permanent part of each market's impact in the round moves its mark. */
    private void cascade() {
        boolean moves = settings.liquidation().closeOutMovesMark();
        for (int m = 0; m < markets; m++) {
            double x = impact[m];
            impact[m] = 0;
            if (moves && x != 0) mark[m] = onTick(mark[m] * priceUnit[m] * (1 + permanent[m] * x), m);
        }
    }

    /** The screen and the exact comparison for every pool with open positions; closes those below maintenance. */
    private long liquidateRound() {
        long closed = 0;
        int pools = cash.length;
        for (int p = 0; p < pools; p++) {
            if (notional[p] == 0) continue;
            long c = cash[p], mm = maint[p];
            // the engine's first look, in doubles; then the exact figure for the pools it does not clear
            if (c > 0 && (double) c * RATE_ONE > screen * mm) continue;
            long maintenance = mm / RATE_ONE;
            if (c > 0 && c >= maintenance) continue;
            closeOut(p, maintenance);
            closed++;
        }
        liquidated += closed;
        return closed;
    }

    private void closeOut(int p, long maintenance) {
        bankruptStamp[p] = stamp;
        long poolNotional = notional[p];
        int from = poolStart[p], to = poolStart[p + 1];
        for (int k = from; k < to; k++) {
            int i = poolPositions[k];
            if (size[i] != 0) closeInBook(p, i, marketOf[i], poolNotional);
        }
        boolean open = false;
        int lastMarket = marketOf[poolPositions[from]];
        for (int k = from; k < to; k++) if (size[poolPositions[k]] != 0) {
            open = true;
            lastMarket = marketOf[poolPositions[k]];
        }
        if (cash[p] >= 0 && !open) {
            if (surplusToFund && cash[p] > 0) {
                long surplus = Math.min(cash[p], maintenance);
                cash[p] -= surplus;
                fund[fundOf(lastMarket)] += surplus;
            }
            return;
        }
        // the waterfall: the fund for the deficit, then ADL for the size left, or the quiet round's haircut
        int f = fundOf(lastMarket);
        if (cash[p] < 0 && fund[f] > 0) {
            long pay = Math.min(fund[f], -cash[p]);
            fund[f] -= pay;
            cash[p] += pay;
        }
        if (loss != Loss.HAIRCUT) for (int k = from; k < to; k++) {
            int i = poolPositions[k];
            if (size[i] != 0) deleverage(p, i, marketOf[i]);
        }
        // what no layer took is the venue's: the size taken over, the deficit written off or clawed back later
        for (int k = from; k < to; k++) size[poolPositions[k]] = 0;
        if (cash[p] < 0) {
            if (loss == Loss.HAIRCUT) {
                if (pendingCount == pending.length) pending = Arrays.copyOf(pending, 2 * pendingCount);
                pending[pendingCount++] = p;
            } else cash[p] = 0;
        }
    }

    private int fundOf(int m) {
        return settings.insuranceFund().granularity() == PolicySettings.FundGranularity.PER_MARKET ? m : markets;
    }

    /** The position's share of its pool's equity, its bankruptcy price, its order's limit, and the fill. */
    private void closeInBook(int p, int i, int m, long poolNotional) {
        long sz = size[i];
        boolean sell = sz > 0;
        long abs = Math.abs(sz);
        double mk = mark[m] * priceUnit[m];
        double contracts = abs * sizeUnit[m];
        double share = poolNotional == 0 ? cash[p]
                : (double) cash[p] * ((double) (abs * mark[m] * mult[m]) / poolNotional);
        double bankruptcy = mk - (sell ? 1 : -1) * share * cashUnit / contracts;
        double limit = switch (settings.liquidation().orderLimit()) {
            case BANKRUPTCY -> bankruptcy;
            case SLIPPAGE -> sell ? mk * (1 - slippage) : mk * (1 + slippage);
            case NONE -> Double.NaN;
        };
        double depth = (sell ? bidDepth[m] : askDepth[m]) * depthMultiplier[m] / 0.01;
        double used = sell ? bidUsed[m] : askUsed[m];
        double maxFraction = sell ? 0.99 : 1.0;
        if (!Double.isNaN(limit)) maxFraction = Math.min(maxFraction, sell ? 1 - limit / mk : limit / mk - 1);
        double room = (maxFraction - used) * depth;
        if (room <= 0 || depth <= 0) return;
        double wanted = contracts * mk;
        long filled = wanted <= room ? abs : (long) (abs * (room / wanted)) / lot[m] * lot[m];
        if (filled == 0) return;
        double to = used + filled * sizeUnit[m] * mk / depth;
        double avg = (used + to) / 2;
        long price = onTick(sell ? mk * (1 - avg) : mk * (1 + avg), m);
        if (!Double.isNaN(limit)) {
            long bound = sell ? (long) Math.ceil(limit / (tick[m] * priceUnit[m])) * tick[m]
                    : (long) Math.floor(limit / (tick[m] * priceUnit[m])) * tick[m];
            if (sell ? price < bound : price > bound) price = bound;
        }
        if (sell) {
            bidUsed[m] = to;
            impact[m] -= to - used;
        } else {
            askUsed[m] = to;
            impact[m] += to - used;
        }
        long signed = sell ? filled : -filled;
        cash[p] += signed * (price - mark[m]) * mult[m];
        size[i] = sz - signed;
        if (feeRate > 0) {
            long fee = Math.min(filled * price * mult[m] / RATE_ONE * feeRate, Math.max(0, cash[p]));
            cash[p] -= fee;
            fund[fundOf(m)] += fee;
        }
        bookFills++;
    }

    /** The queue of the other side, walked from its head at the bankrupt position's bankruptcy price. */
    private void deleverage(int p, int i, int m) {
        long sz = size[i];
        boolean isLong = sz > 0;
        long u = Math.abs(sz);
        int side = isLong ? 1 : 0;  // the counterparties: the other side's queue
        int qi = 2 * m + side;
        if (queueStep[qi] != step) rank(m, side, qi);
        int[] q = queue[qi];
        double mk = mark[m] * priceUnit[m];
        double bankruptcy = mk - (isLong ? 1 : -1) * cash[p] * cashUnit / (u * sizeUnit[m]);
        double inTicks = bankruptcy / (tick[m] * priceUnit[m]);
        long price = (isLong ? (long) Math.ceil(inTicks) : (long) Math.floor(inTicks)) * tick[m];
        if (price <= 0) price = tick[m];
        long perUnit = (isLong ? -1 : 1) * (price - mark[m]) * mult[m];  // a counterparty's gain per unit closed
        int head = queueHead[qi];
        while (head < q.length && size[q[head]] == 0) head++;
        queueHead[qi] = head;
        int at = failStamp[qi] == stamp ? Math.max(head, failHead[qi]) : head;
        boolean extending = true;
        for (int k = at; k < q.length && u > 0; k++) {
            int c = q[k];
            long cs = size[c];
            int cp = pool[c];
            long f = 0;
            if (cs != 0 && bankruptStamp[cp] != stamp) {
                f = Math.min(u, Math.abs(cs));
                long gain = f * perUnit;
                if (gain < 0 && cash[cp] + gain < 0) {
                    // cut to what the counterparty's equity bears
                    f = Math.max(0, cash[cp]) / -perUnit / lot[m] * lot[m];
                    gain = f * perUnit;
                }
                if (f > 0) {
                    cash[cp] += gain;
                    cash[p] -= gain;
                    size[c] = cs - (cs > 0 ? f : -f);
                    u -= f;
                    adlFills++;
                }
            }
            if (!extending) continue;
            if (f > 0) extending = false;
            else {
                failHead[qi] = k + 1;
                failStamp[qi] = stamp;
            }
        }
        size[i] = isLong ? u : -u;
    }

    /** The side's open candidates scored by the policy's formula, sorted best first, and their size percentiles. */
    private void rank(int m, int side, int qi) {
        int n = 0;
        int end = start[m + 1];
        ensure(end - start[m]);
        long mk = mark[m], mu = mult[m];
        for (int k = start[m]; k < end; k++) {
            long s = size[k];
            if (s == 0 || (s > 0) != (side == 0)) continue;
            int cp = pool[k];
            long equity = cash[cp];
            if (bankruptStamp[cp] == stamp || equity <= 0) continue;
            long abs = Math.abs(s);
            long pnl = s * (mk - entry[k]) * mu;
            double value = (double) (abs * mk * mu);
            double entryValue = (double) (abs * entry[k] * mu);
            double score;
            if (loss == Loss.MARK_OVER_ENTRY) {
                double r = (double) mk / entry[k];
                score = (s > 0 ? r : 1 / r) * (value / equity);
            } else {
                double pct = pnl / entryValue;
                double leverage = value / equity;
                score = pct >= 0 ? pct * leverage : pct / leverage;
            }
            keys[n] = descending(score);
            values[n] = k;
            n++;
        }
        sort(n);
        int[] order = Arrays.copyOf(values, n);
        // BitMEX's indicator, as the engine records it: the share of the queue's size at or ahead, in fifths
        long total = 0;
        for (int k : order) total += Math.abs(size[k]);
        long cumulative = 0, fifths = 0;
        int percentile = 1;
        for (int k : order) {
            cumulative += Math.abs(size[k]);
            while (5 * cumulative > percentile * total) percentile++;
            fifths += percentile;
        }
        queue[qi] = order;
        queueStep[qi] = step;
        queueHead[qi] = 0;
        failStamp[qi] = 0;
        ranked += n;
        percentiles += fifths;
    }

    /** The period's deficits paid by the winners, in proportion to profit, each capped (water-filling). */
    private boolean haircut() {
        PolicySettings.Haircut h = settings.haircut();
        double severity = h == null ? 1 : h.severity().doubleValue();
        double maxFraction = h == null ? 1 : h.maxFraction().doubleValue();
        boolean protect = h != null && h.protectMaintenance();
        long budget = 0;
        for (int j = 0; j < pendingCount; j++) budget += (long) (-cash[pending[j]] * severity);
        int pools = cash.length;
        ensure(pools);
        if (amount == null) {
            poolProfit = new long[pools];
            poolCap = new long[pools];
            amount = new long[pools];
        }
        int winners = 0;
        long capTotal = 0, weight = 0;
        for (int p = 0; p < pools; p++) {
            if (bankruptStamp[p] == stamp || cash[p] <= 0) continue;
            long w = 0;
            for (int k = poolStart[p]; k < poolStart[p + 1]; k++) {
                int i = poolPositions[k];
                long s = size[i];
                if (s != 0) w += s * (mark[marketOf[i]] - entry[i]) * mult[marketOf[i]];
            }
            if (w <= 0) continue;
            long floor = protect ? maint[p] / RATE_ONE : 0;
            long c = Math.min((long) (w * maxFraction), cash[p] - floor);
            if (c <= 0) continue;
            poolProfit[p] = w;
            poolCap[p] = c;
            keys[winners] = descending(-((double) c / w));  // ascending cap share
            values[winners] = p;
            winners++;
            capTotal += c;
            weight += w;
        }
        if (winners == 0) {
            for (int j = 0; j < pendingCount; j++) cash[pending[j]] = 0;
            pendingCount = 0;
            return false;
        }
        sort(winners);
        // the winners whose cap binds first take their cap, the others share what is left by profit
        long left = Math.min(budget, capTotal);
        int k = 0;
        for (; k < winners; k++) {
            int p = values[k];
            double fair = (double) left * poolProfit[p] / weight;
            if (poolCap[p] > fair) break;
            amount[k] = poolCap[p];
            left -= poolCap[p];
            weight -= poolProfit[p];
        }
        for (int r = k; r < winners; r++) amount[r] = weight == 0 ? 0
                : (long) ((double) left * poolProfit[values[r]] / weight);
        int j = 0;
        long owed = pendingCount == 0 ? 0 : -cash[pending[0]];
        for (int r = 0; r < winners && j < pendingCount; r++) {
            long a = amount[r];
            if (a <= 0) continue;
            int w = values[r];
            haircuts++;
            while (a > 0 && j < pendingCount) {
                long piece = Math.min(a, owed);
                cash[w] -= piece;
                cash[pending[j]] += piece;
                a -= piece;
                owed -= piece;
                if (owed == 0 && ++j < pendingCount) owed = -cash[pending[j]];
            }
        }
        for (int x = 0; x < pendingCount; x++) if (cash[pending[x]] < 0) cash[pending[x]] = 0;
        pendingCount = 0;
        return true;
    }

    private void ensure(int n) {
        if (keys.length >= n) return;
        keys = new long[n];
        keysTo = new long[n];
        values = new int[n];
        valuesTo = new int[n];
    }

    /** Unsigned order of the key is the descending order of the score (the engine's {@code QueueOrder}). */
    private static long descending(double score) {
        long bits = Double.doubleToLongBits(score);
        long ascending = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        return ascending ^ Long.MAX_VALUE;
    }

    /** A stable radix sort of the first n keys with their values, a byte a pass, skipping bytes all keys share. */
    private void sort(int n) {
        long[] fromKeys = keys, toKeys = keysTo;
        int[] fromValues = values, toValues = valuesTo;
        int[] counts = new int[257];
        for (int b = 0; b < 8; b++) {
            Arrays.fill(counts, 0);
            int shift = 8 * b;
            for (int i = 0; i < n; i++) counts[(int) (fromKeys[i] >>> shift & 0xFF) + 1]++;
            boolean same = false;
            for (int c = 1; c <= 256; c++) if (counts[c] == n) same = true;
            if (same) continue;
            for (int c = 0; c < 256; c++) counts[c + 1] += counts[c];
            for (int i = 0; i < n; i++) {
                int at = counts[(int) (fromKeys[i] >>> shift & 0xFF)]++;
                toKeys[at] = fromKeys[i];
                toValues[at] = fromValues[i];
            }
            long[] tk = fromKeys;
            fromKeys = toKeys;
            toKeys = tk;
            int[] tv = fromValues;
            fromValues = toValues;
            toValues = tv;
        }
        keys = fromKeys;
        keysTo = toKeys;
        values = fromValues;
        valuesTo = toValues;
    }
}

package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Position;
import org.deleveraging.domain.Side;

/**
 * Synthesises an account set from {@link GeneratorSettings}, deterministically for a seed.
 *
 * <p>The recipe, per account (ids {@code A000001}, {@code A000002}, ... sort in creation order):
 * <ol>
 *   <li>cross or isolated margin, whale or not, healthy or (with probability {@code unhealthyShare}) not, and a
 *       leverage drawn log-normally around the median, capped at {@code maxLeverage};</li>
 *   <li>one to {@code positionsPerAccount} positions on distinct markets of one settlement asset, markets picked in
 *       proportion to their book depth (deep books carry the open interest);</li>
 *   <li>each position long with probability {@code longShare}; its notional log-normal around {@code meanNotional}
 *       (times the whale multiplier); its entry price spread around the start price, so that some positions start
 *       in profit and some in loss (an unhealthy account's entries are at the start price);</li>
 *   <li>its margin (the wallet of a cross account: the sum over its positions; the isolated margin of an isolated
 *       position, whose account also keeps a free balance of up to half its margin) is the larger of the initial
 *       margin at entry (notional at entry / leverage) and what gives the position, at the start prices, equity of
 *       at least its notional there / leverage and at least (1 + {@code safetyMargin}) x its maintenance margin under
 *       the reference schedule: a loss from entry to start is paid out of margin on top. So every margin pool starts
 *       at leverage at most {@code maxLeverage} (notional over equity, at the start prices) and healthy. An
 *       unhealthy account's margin instead gives each position equity of 50 % to 95 % of its maintenance margin, so
 *       it is liquidated at a run's first mark; the leverage cap is not kept for it.</li>
 * </ol>
 * Amounts are rounded once when drawn (sizes to lots, prices to ticks, money up to cents or satoshis, margins up),
 * so the set is plain exact decimals from then on, and rounding never takes a pool below the rule.
 */
public final class AccountSetGenerator {
    /** Sigma of log(entry / start price): entries within a few percent of the start price. */
    static final double ENTRY_SPREAD = 0.04;
    /** Sigma of log(position notional): most positions are small, a few are large. */
    static final double SIZE_SPREAD = 0.9;
    /** The least leverage drawn: an almost fully collateralised position. */
    static final double MIN_LEVERAGE = 0.1;
    /** An unhealthy position starts with equity of this share of its maintenance margin, up to ... */
    static final double UNHEALTHY_LOW = 0.5;
    /** ... this share (exclusive). */
    static final double UNHEALTHY_HIGH = 0.95;
    /**
     * Margins are rounded up with this much room over the doubles' rounding, so no pool lands a hair below the rule.
     */
    static final double ROOM = 1e-9;
    /** An isolated account's free balance is up to this share of its isolated margin. */
    static final double MAX_FREE_BALANCE_SHARE = 0.5;

    public AccountSet generate(String name, GeneratorSettings settings) {
        Draw draw = new Draw(settings);
        List<Account> accounts = new ArrayList<>(settings.accounts());
        int width = Math.max(6, Integer.toString(settings.accounts()).length());
        for (int i = 1; i <= settings.accounts(); i++) accounts.add(draw.account(id(i, width)));
        Map<String, Market> markets = new LinkedHashMap<>();
        for (Market m : settings.markets()) markets.put(m.symbol(), m);
        return new AccountSet(name, markets, accounts);
    }

    static String id(int n, int width) {
        String digits = Integer.toString(n);
        StringBuilder sb = new StringBuilder(width + 1).append('A');
        for (int k = digits.length(); k < width; k++) sb.append('0');
        return sb.append(digits).toString();
    }

    /** One pass of draws over a single random stream: the order of draws is part of the seed's meaning. */
    private static final class Draw {
        private final GeneratorSettings s;
        private final SplittableRandom random;
        private final MarketGrid[] grids;
        private final double[] cumulativeDepth;

        Draw(GeneratorSettings s) {
            this.s = s;
            this.random = new SplittableRandom(s.seed());
            int n = s.markets().size();
            grids = new MarketGrid[n];
            cumulativeDepth = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                Market m = s.markets().get(i);
                grids[i] = new MarketGrid(m, s.startPrices().get(i), s.maintenanceOf(m.symbol()));
                total += m.liquidity().bidDepth().add(m.liquidity().askDepth()).doubleValue();
                cumulativeDepth[i] = total;
            }
        }

        Account account(String id) {
            boolean isolated = random.nextDouble() < s.isolatedShare();
            boolean whale = random.nextDouble() < s.whaleShare();
            boolean unhealthy = random.nextDouble() < s.unhealthyShare();
            double leverage = Math.max(MIN_LEVERAGE,
                    Math.min(s.maxLeverage(),
                            s.medianLeverage() * Math.exp(s.leverageSpread() * random.nextGaussian())));
            int[] chosen = markets();
            List<Position> positions = new ArrayList<>(chosen.length);
            double totalMargin = 0;
            MarketGrid first = grids[chosen[0]];
            for (int index : chosen) {
                MarketGrid g = grids[index];
                Side side = random.nextDouble() < s.longShare() ? Side.LONG : Side.SHORT;
                double notional = s.meanNotional() * (whale ? s.whaleMultiplier() : 1)
                        * Math.exp(SIZE_SPREAD * random.nextGaussian() - SIZE_SPREAD * SIZE_SPREAD / 2);
                double z = random.nextGaussian();
                long entryTicks = unhealthy ? g.startTicks() : g.entryTicks(z);
                long lots = g.lots(notional, entryTicks);
                double margin = unhealthy
                        ? g.unhealthyMargin(lots,
                                UNHEALTHY_LOW + (UNHEALTHY_HIGH - UNHEALTHY_LOW) * random.nextDouble())
                        : g.healthyMargin(side, lots, entryTicks, leverage, s.safetyMargin());
                totalMargin += margin;
                // a healthy margin is rounded up, an unhealthy one down: a cent must not lift it to its maintenance
                BigDecimal isolatedMargin = isolated
                        ? g.money(margin, unhealthy ? RoundingMode.FLOOR : RoundingMode.CEILING) : BigDecimal.ZERO;
                positions.add(new Position(g.market.symbol(), side, g.size(lots), g.price(entryTicks), isolatedMargin));
            }
            BigDecimal wallet = isolated
                    ? first.money(totalMargin * MAX_FREE_BALANCE_SHARE * random.nextDouble(), RoundingMode.FLOOR)
                    : first.money(totalMargin, unhealthy ? RoundingMode.FLOOR : RoundingMode.CEILING);
            return new Account(id, isolated ? MarginMode.ISOLATED : MarginMode.CROSS, wallet, positions);
        }

        /** Distinct market indices, all settling in the first one's asset; the first is picked by book depth. */
        private int[] markets() {
            double x = random.nextDouble() * cumulativeDepth[cumulativeDepth.length - 1];
            int primary = 0;
            while (primary < cumulativeDepth.length - 1 && cumulativeDepth[primary] <= x) primary++;
            String asset = grids[primary].market.settlementAsset();
            int[] sameAsset = new int[grids.length];
            int n = 0;
            for (int i = 0; i < grids.length; i++)
                if (i != primary && grids[i].market.settlementAsset().equals(asset)) sameAsset[n++] = i;
            int count = 1 + random.nextInt(Math.min(s.positionsPerAccount(), n + 1));
            int[] out = new int[count];
            out[0] = primary;
            for (int k = 1; k < count; k++) {  // partial Fisher-Yates over the other markets of the asset
                int j = k - 1 + random.nextInt(n - (k - 1));
                int t = sameAsset[j];
                sameAsset[j] = sameAsset[k - 1];
                sameAsset[k - 1] = t;
                out[k] = t;
            }
            return out;
        }
    }

    /** A market's tick, lot and money grids, in longs, so that a million positions draw in a few seconds. */
    private static final class MarketGrid {
        final Market market;
        final double start;
        final BigDecimal startPrice;
        final MarginSchedule maintenance;
        final double tick;
        final double lot;
        final double contractValue;
        final int moneyScale;
        final double moneyUnits;

        MarketGrid(Market market, BigDecimal startPrice, MarginSchedule maintenance) {
            this.market = market;
            this.startPrice = startPrice;
            this.start = startPrice.doubleValue();
            this.maintenance = maintenance;
            this.tick = market.tickSize().doubleValue();
            this.lot = market.lotSize().doubleValue();
            this.contractValue = market.contractValue().doubleValue();
            // stablecoin amounts to the cent, coin amounts to the satoshi
            this.moneyScale = market.type() == ContractType.LINEAR ? 2 : 8;
            this.moneyUnits = Math.pow(10, moneyScale);
        }

        /** Entry price, in ticks: the start price moved by {@code z} sigmas. */
        long entryTicks(double z) {
            double ret = Math.exp(ENTRY_SPREAD * z) - 1;  // start / entry - 1
            double entry = start / (1 + ret);
            return Math.max(1, Math.round(entry / tick));
        }

        /** The start price in ticks (an unhealthy account's entry). */
        long startTicks() { return Math.max(1, Math.round(start / tick)); }

        /**
         * The margin that gives the position, at the start price, equity of at least its notional there / leverage
         * and at least (1 + safety) x its reference maintenance margin, and is never less than the initial margin at
         * entry. A loss from entry to start is on top; a profit counts towards it.
         */
        double healthyMargin(Side side, long lots, long entryTicks, double leverage, double safety) {
            double startNotional = startValue(lots);
            double equity = Math.max(startNotional / leverage, (1 + safety) * maintenanceAtStart(lots));
            double pnl = startPnl(side, lots, entryTicks);
            return Math.max(entryValue(lots, entryTicks) / leverage, equity - pnl) * (1 + ROOM);
        }

        /**
         * Margin of an unhealthy position entered at the start price: {@code share} of its maintenance margin there.
         */
        double unhealthyMargin(long lots, double share) { return share * maintenanceAtStart(lots); }

        double maintenanceAtStart(long lots) {
            BigDecimal size = size(lots);
            return maintenance.maintenance(market.notional(size, startPrice)).doubleValue();
        }

        double startValue(long lots) {
            double size = lots * lot * contractValue;
            return market.type() == ContractType.LINEAR ? size * start : size / start;
        }

        /** The position's profit from entry to the start price, in the settlement asset. */
        double startPnl(Side side, long lots, long entryTicks) {
            double size = lots * lot * contractValue;
            double entry = entryTicks * tick;
            double pnl = market.type() == ContractType.LINEAR ? size * (start - entry) : size * (1 / entry - 1 / start);
            return side.sign() * pnl;
        }

        long lots(double notional, long entryTicks) {
            double entry = entryTicks * tick;
            double contracts = market.type() == ContractType.LINEAR
                    ? notional / (contractValue * entry)
                    : notional * entry / contractValue;
            return Math.max(1, Math.round(contracts / lot));
        }

        double entryValue(long lots, long entryTicks) {
            double size = lots * lot * contractValue;
            double entry = entryTicks * tick;
            return market.type() == ContractType.LINEAR ? size * entry : size / entry;
        }

        BigDecimal size(long lots) { return Money.clean(market.lotSize().multiply(BigDecimal.valueOf(lots))); }

        BigDecimal price(long ticks) { return Money.clean(market.tickSize().multiply(BigDecimal.valueOf(ticks))); }

        BigDecimal money(double amount, RoundingMode mode) {
            long units = (long) (mode == RoundingMode.CEILING
                    ? Math.ceil(amount * moneyUnits) : Math.floor(amount * moneyUnits));
            if (mode == RoundingMode.CEILING) units = Math.max(1, units);
            return Money.clean(BigDecimal.valueOf(units, moneyScale));
        }
    }
}

package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.util.List;

import java.util.Map;

import org.deleveraging.domain.MarginSchedule;
import org.deleveraging.domain.Market;

/**
 * The knobs a risk team varies when it synthesises an account set. The same settings (seed included) always give
 * the same account set.
 *
 * @param accounts number of accounts
 * @param markets the markets positions are spread over, each with its starting price in {@code startPrices}
 * @param startPrices entry prices are drawn around these (same order as {@code markets})
 * @param medianLeverage median of the log-normal leverage distribution
 * @param leverageSpread sigma of log(leverage)
 * @param maxLeverage leverage is capped here
 * @param longShare share of positions that are long (0.5 = balanced; the rest of open interest is the book's)
 * @param isolatedShare share of accounts in isolated margin
 * @param whaleShare share of accounts that are whales
 * @param whaleMultiplier how many times larger a whale's position is than a typical one
 * @param meanNotional typical position notional in the settlement asset
 * @param positionsPerAccount maximum positions per account (on distinct markets)
 * @param seed fixes everything
 * @param safetyMargin how far above its maintenance margin every margin pool starts: its equity at the start prices
 *                     is at least (1 + safetyMargin) x its maintenance margin under {@code maintenance}
 * @param unhealthyShare share of accounts drawn below their maintenance margin at the start prices (0: none)
 * @param maintenance the reference maintenance schedule per market that health is measured with (a market not
 *                    named uses {@link DemoData#REFERENCE_DEFAULT})
 */
public record GeneratorSettings(int accounts, List<Market> markets, List<BigDecimal> startPrices,
                                double medianLeverage, double leverageSpread, double maxLeverage, double longShare,
                                double isolatedShare, double whaleShare, double whaleMultiplier,
                                double meanNotional, int positionsPerAccount, long seed,
                                double safetyMargin, double unhealthyShare, Map<String, MarginSchedule> maintenance) {

    /** The demo's health rule: a safety margin of 1 (equity at least twice maintenance), no unhealthy account. */
    public GeneratorSettings(int accounts, List<Market> markets, List<BigDecimal> startPrices,
                             double medianLeverage, double leverageSpread, double maxLeverage, double longShare,
                             double isolatedShare, double whaleShare, double whaleMultiplier,
                             double meanNotional, int positionsPerAccount, long seed) {
        this(accounts, markets, startPrices, medianLeverage, leverageSpread, maxLeverage, longShare, isolatedShare,
                whaleShare, whaleMultiplier, meanNotional, positionsPerAccount, seed, DemoData.SAFETY_MARGIN, 0,
                DemoData.referenceMaintenance());
    }

    public GeneratorSettings {
        markets = List.copyOf(markets);
        startPrices = List.copyOf(startPrices);
        maintenance = Map.copyOf(maintenance);
        if (!(safetyMargin >= 0)) throw invalid("safetyMargin", "must not be negative, got " + safetyMargin);
        atMost("safetyMargin", safetyMargin, MAX_SAFETY_MARGIN);
        share("unhealthyShare", unhealthyShare);
        if (accounts < 0) throw invalid("accounts", "must not be negative, got " + accounts);
        if (markets.isEmpty()) throw invalid("markets", "at least one market is needed");
        if (startPrices.size() != markets.size())
            throw invalid("startPrices", "one start price per market is needed (" + markets.size() + " markets, "
                    + startPrices.size() + " prices)");
        for (int i = 0; i < markets.size(); i++)
            if (startPrices.get(i).signum() <= 0)
                throw invalid("startPrices", markets.get(i).symbol() + ": the start price must be positive");
        if (!(medianLeverage > 0)) throw invalid("medianLeverage", "must be positive, got " + medianLeverage);
        if (!(leverageSpread >= 0)) throw invalid("leverageSpread", "must not be negative, got " + leverageSpread);
        if (!(maxLeverage > 0)) throw invalid("maxLeverage", "must be positive, got " + maxLeverage);
        atMost("medianLeverage", medianLeverage, MAX_LEVERAGE);
        atMost("maxLeverage", maxLeverage, MAX_LEVERAGE);
        atMost("leverageSpread", leverageSpread, MAX_SPREAD);
        atMost("whaleMultiplier", whaleMultiplier, MAX_WHALE_MULTIPLIER);
        atMost("meanNotional", meanNotional, MAX_MEAN_NOTIONAL);
        share("longShare", longShare);
        share("isolatedShare", isolatedShare);
        share("whaleShare", whaleShare);
        if (!(whaleMultiplier >= 1)) throw invalid("whaleMultiplier", "must be at least 1, got " + whaleMultiplier);
        if (!(meanNotional > 0)) throw invalid("meanNotional", "must be positive, got " + meanNotional);
        if (positionsPerAccount < 1) throw invalid("positionsPerAccount",
                "must be at least 1, got " + positionsPerAccount);
    }

    /** The same settings with another number of accounts. */
    public GeneratorSettings withAccounts(int n) {
        return new GeneratorSettings(n, markets, startPrices, medianLeverage, leverageSpread, maxLeverage, longShare,
                isolatedShare, whaleShare, whaleMultiplier, meanNotional, positionsPerAccount, seed, safetyMargin,
                unhealthyShare, maintenance);
    }

    /** The same settings with another seed. */
    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(accounts, markets, startPrices, medianLeverage, leverageSpread, maxLeverage,
                longShare, isolatedShare, whaleShare, whaleMultiplier, meanNotional, positionsPerAccount, newSeed,
                safetyMargin, unhealthyShare, maintenance);
    }

    /** The same settings with another health rule. */
    public GeneratorSettings withHealth(double newSafetyMargin, double newUnhealthyShare) {
        return new GeneratorSettings(accounts, markets, startPrices, medianLeverage, leverageSpread, maxLeverage,
                longShare, isolatedShare, whaleShare, whaleMultiplier, meanNotional, positionsPerAccount, seed,
                newSafetyMargin, newUnhealthyShare, maintenance);
    }

    /** The reference maintenance schedule of {@code symbol}. */
    public MarginSchedule maintenanceOf(String symbol) {
        MarginSchedule m = maintenance.get(symbol);
        return m != null ? m : DemoData.REFERENCE_DEFAULT;
    }

    /** Equity at 100 times maintenance is healthy beyond any use of the word. */
    public static final double MAX_SAFETY_MARGIN = 100;

    /** No venue offers more than a few hundred times; 1000x is where leverage stops meaning anything. */
    public static final double MAX_LEVERAGE = 1000;
    /** sigma of log(leverage): at 10 the draws are all at the cap or the floor already. */
    public static final double MAX_SPREAD = 10;
    public static final double MAX_WHALE_MULTIPLIER = 1000;
    /** As every amount read from a file (input.Bound.AMOUNT). */
    public static final double MAX_MEAN_NOTIONAL = 1e15;

    private static void atMost(String field, double value, double max) {
        if (!(value <= max)) throw invalid(field,
                "must be at most " + (max == (long) max ? String.valueOf((long) max) : String.valueOf(max))
                + ", got " + value);
    }

    private static void share(String field, double value) {
        if (!(value >= 0 && value <= 1)) throw invalid(field, "must be between 0 and 1, got " + value);
    }

    private static IllegalArgumentException invalid(String field, String message) {
        return new IllegalArgumentException("generator setting " + field + ": " + message);
    }
}

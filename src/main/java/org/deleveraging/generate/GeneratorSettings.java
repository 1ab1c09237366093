package org.deleveraging.generate;

import java.math.BigDecimal;
import java.util.List;

import org.deleveraging.domain.Market;

/**
 * The knobs a risk team varies when it synthesises an account set.
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
 */
public record GeneratorSettings(int accounts, List<Market> markets, List<BigDecimal> startPrices,
                                double medianLeverage, double leverageSpread, double maxLeverage, double longShare,
                                double isolatedShare, double whaleShare, double whaleMultiplier,
                                double meanNotional, int positionsPerAccount, long seed) {}

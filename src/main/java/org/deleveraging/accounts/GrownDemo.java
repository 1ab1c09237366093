package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Scenario;

/**
 * The demo book ({@link DemoData}) grown to a number of positions, with everything that is sized to the demo's 3,000
 * accounts grown by the same factor: each market's depth here, and through {@link #scaled(Scenario)} the backstop
 * vault and any insurance fund given as an amount (a fund given as a share of open interest grows by itself). A larger
 * book then goes through the same crash rather than a harsher one. The demo draws
 * 1 to 3 positions per account (2 on average), so a book of n positions has n / 2 accounts.
 */
public record GrownDemo(GeneratorSettings settings, BigDecimal scale) {

    public static GrownDemo of(int positions) {
        int accounts = Math.max(1, positions / 2);
        BigDecimal scale = BigDecimal.valueOf(accounts)
                .divide(BigDecimal.valueOf(DemoData.ACCOUNTS), 6, RoundingMode.HALF_EVEN);
        GeneratorSettings demo = DemoData.settings();
        List<Market> markets = new ArrayList<>();
        for (Market m : demo.markets()) markets.add(deeper(m, scale));
        return new GrownDemo(new GeneratorSettings(accounts, markets, demo.startPrices(), demo.medianLeverage(),
                demo.leverageSpread(), demo.maxLeverage(), demo.longShare(), demo.isolatedShare(), demo.whaleShare(),
                demo.whaleMultiplier(), demo.meanNotional(), demo.positionsPerAccount(), demo.seed()), scale);
    }

    /** The scenario with its insurance funds and backstop capital grown with the book. */
    public Scenario scaled(Scenario s) {
        return new Scenario(s.name(), s.description(), s.seed(), s.steps(), times(s.insuranceFunds()),
                s.insuranceFundShares(), times(s.backstopCapital()));
    }

    private static Market deeper(Market m, BigDecimal scale) {
        Liquidity l = m.liquidity();
        return new Market(m.symbol(), m.type(), m.settlementAsset(), m.tickSize(), m.lotSize(), m.contractValue(),
                new Liquidity(whole(l.bidDepth().multiply(scale)), whole(l.askDepth().multiply(scale)),
                        l.permanentImpact()));
    }

    private Map<String, BigDecimal> times(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        amounts.forEach((k, v) -> out.put(k, whole(v.multiply(scale))));
        return out;
    }

    private static BigDecimal whole(BigDecimal v) { return v.setScale(0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE); }
}

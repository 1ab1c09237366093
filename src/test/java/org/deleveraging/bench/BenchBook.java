package org.deleveraging.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Scenario;
import org.deleveraging.generate.AccountSetGenerator;
import org.deleveraging.generate.DemoData;
import org.deleveraging.generate.GeneratorSettings;
import org.deleveraging.scenario.ScenarioCatalog;

/**
 * The book a benchmark runs on: the demo book ({@link DemoData}) grown to a number of positions, under the shipped
 * {@code oct-10} scenario (BTC -13 %, SOL -26 %, books a hundred times thinner at the worst step).
 *
 * <p>Everything that is sized to the demo's 3,000 accounts grows with the book, so that a larger book goes through
 * the same crash rather than a harsher one: each market's depth and every insurance fund and the backstop vault
 * scale by accounts / 3,000. The demo draws 1 to 3 positions per account (2 on average), so a book of n positions
 * has n / 2 accounts; the exact count is reported.
 */
record BenchBook(int targetPositions, AccountSet accounts, Scenario scenario, long positions, long generationNanos) {

    static BenchBook of(int targetPositions) {
        int accounts = Math.max(1, targetPositions / 2);
        BigDecimal scale = BigDecimal.valueOf(accounts).divide(BigDecimal.valueOf(DemoData.ACCOUNTS), 6, RoundingMode.HALF_EVEN);
        GeneratorSettings demo = DemoData.settings();
        List<Market> markets = new ArrayList<>();
        for (Market m : demo.markets()) markets.add(deeper(m, scale));
        GeneratorSettings settings = new GeneratorSettings(accounts, markets, demo.startPrices(), demo.medianLeverage(),
                demo.leverageSpread(), demo.maxLeverage(), demo.longShare(), demo.isolatedShare(), demo.whaleShare(),
                demo.whaleMultiplier(), demo.meanNotional(), demo.positionsPerAccount(), demo.seed());
        long t0 = System.nanoTime();
        AccountSet set = new AccountSetGenerator().generate("bench-" + targetPositions, settings);
        long t1 = System.nanoTime();
        long positions = set.accounts().stream().mapToLong(a -> a.positions().size()).sum();
        return new BenchBook(targetPositions, set, scaled(ScenarioCatalog.load("oct-10"), scale), positions, t1 - t0);
    }

    private static Market deeper(Market m, BigDecimal scale) {
        Liquidity l = m.liquidity();
        return new Market(m.symbol(), m.type(), m.settlementAsset(), m.tickSize(), m.lotSize(), m.contractValue(),
                new Liquidity(whole(l.bidDepth().multiply(scale)), whole(l.askDepth().multiply(scale)), l.permanentImpact()));
    }

    private static Scenario scaled(Scenario s, BigDecimal scale) {
        return new Scenario(s.name(), s.description(), s.seed(), s.steps(), times(s.insuranceFunds(), scale),
                times(s.backstopCapital(), scale));
    }

    private static Map<String, BigDecimal> times(Map<String, BigDecimal> amounts, BigDecimal scale) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        amounts.forEach((k, v) -> out.put(k, whole(v.multiply(scale))));
        return out;
    }

    private static BigDecimal whole(BigDecimal v) { return v.setScale(0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE); }
}

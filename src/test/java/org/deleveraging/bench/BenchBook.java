package org.deleveraging.bench;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.accounts.AccountSetGenerator;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.GeneratorSettings;
import org.deleveraging.accounts.GrownDemo;
import org.deleveraging.scenario.ScenarioCatalog;

/**
 * The book a benchmark runs on: the demo book grown to a number of positions ({@link GrownDemo}: its depth, funds
 * and vault grown with it), under the shipped {@code oct-10} scenario (BTC -13 %, SOL -26 %, books a hundred times
 * thinner at the worst step). A book of n positions has about n / 2 accounts; the exact count is reported.
 */
record BenchBook(int targetPositions, AccountSet accounts, Scenario scenario, long positions, long generationNanos) {

    /**
     * The book {@code -Dbench.book} names: {@code generated} for {@link #generated}, else the grown demo book. Issue 25
     * sets its targets on both.
     */
    static BenchBook chosen(int targetPositions) {
        return "generated".equals(System.getProperty("bench.book")) ? generated(targetPositions) : of(targetPositions);
    }

    /**
     * What {@code accounts generate --accounts <n / 2> --seed 11} makes (the generator's defaults: two positions an
     * account, a crash that cascades much harder than the grown demo book's), under the shipped {@code oct-10} as it
     * is.
     */
    static BenchBook generated(int targetPositions) {
        GeneratorSettings d = DemoData.settings();
        GeneratorSettings s = new GeneratorSettings(Math.max(1, targetPositions / 2), d.markets(), d.startPrices(),
                d.medianLeverage(), d.leverageSpread(), d.maxLeverage(), d.longShare(), d.isolatedShare(),
                d.whaleShare(), d.whaleMultiplier(), d.meanNotional(), d.positionsPerAccount(), 11, d.safetyMargin(),
                d.unhealthyShare(), d.maintenance());
        long t0 = System.nanoTime();
        AccountSet set = new AccountSetGenerator().generate("generated-" + targetPositions, s);
        long t1 = System.nanoTime();
        long positions = set.accounts().stream().mapToLong(a -> a.positions().size()).sum();
        return new BenchBook(targetPositions, set, ScenarioCatalog.load("oct-10"), positions, t1 - t0);
    }

    static BenchBook of(int targetPositions) {
        GrownDemo grown = GrownDemo.of(targetPositions);
        long t0 = System.nanoTime();
        AccountSet set = new AccountSetGenerator().generate("bench-" + targetPositions, grown.settings());
        long t1 = System.nanoTime();
        long positions = set.accounts().stream().mapToLong(a -> a.positions().size()).sum();
        return new BenchBook(targetPositions, set, grown.scaled(ScenarioCatalog.load("oct-10")), positions, t1 - t0);
    }
}

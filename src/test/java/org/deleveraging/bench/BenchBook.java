package org.deleveraging.bench;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.accounts.AccountSetGenerator;
import org.deleveraging.accounts.GrownDemo;
import org.deleveraging.scenario.ScenarioCatalog;

/**
 * The book a benchmark runs on: the demo book grown to a number of positions ({@link GrownDemo}: its depth, funds
 * and vault grown with it), under the shipped {@code oct-10} scenario (BTC -13 %, SOL -26 %, books a hundred times
 * thinner at the worst step). A book of n positions has about n / 2 accounts; the exact count is reported.
 */
record BenchBook(int targetPositions, AccountSet accounts, Scenario scenario, long positions, long generationNanos) {

    static BenchBook of(int targetPositions) {
        GrownDemo grown = GrownDemo.of(targetPositions);
        long t0 = System.nanoTime();
        AccountSet set = new AccountSetGenerator().generate("bench-" + targetPositions, grown.settings());
        long t1 = System.nanoTime();
        long positions = set.accounts().stream().mapToLong(a -> a.positions().size()).sum();
        return new BenchBook(targetPositions, set, grown.scaled(ScenarioCatalog.load("oct-10")), positions, t1 - t0);
    }
}

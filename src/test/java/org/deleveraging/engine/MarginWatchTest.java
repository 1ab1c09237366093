package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.linear;

import java.util.BitSet;
import java.util.List;

import org.deleveraging.domain.Side;
import org.junit.jupiter.api.Test;

/**
 * The margin check measures a pool measured healthy again only once one of its markets has travelled its share of
 * the pool's headroom. Soundness over whole runs is checked by the property suite with checkMarginSkips; these
 * cases pin down when a pool becomes due.
 */
class MarginWatchTest {
    private final MarketState btc = new MarketState(linear("BTCUSDT"), d("100000"));
    private final MarketState sol = new MarketState(linear("SOLUSDT"), d("200"));

    private PoolState pool(int id, MarketState... markets) {
        PoolState pool = new PoolState(id, "A" + id, false, "USDT", false, d("1000"));
        int ref = 0;
        for (MarketState m : markets) pool.add(new PositionState(ref++, pool, m, Side.LONG, d("1"), m.mark()));
        return pool;
    }

    private static BitSet due(MarginWatch watch) {
        BitSet out = new BitSet();
        watch.collectDue(out);
        return out;
    }

    @Test
    void aSingleMarketPoolIsDueOnceItsMarketHasTravelledHeadroomOverExposure() {
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        watch.healthy(pool, 500, 0);  // 1 BTC of exposure: 500 of headroom is a move of 500

        btc.path += 499;
        assertThat(due(watch).get(0)).as("a move of 499 cannot use up 500 of headroom").isFalse();
        btc.path += 1;
        assertThat(due(watch).get(0)).as("a move of 500 may have").isTrue();
        assertThat(due(watch).isEmpty()).as("an entry is taken once").isTrue();
    }

    @Test
    void theScreenRateShrinksTheReach() {
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        watch.healthy(pool, 500, 0.25);  // the notional grows with the move and costs 25 % of it in margin

        btc.path += 399;
        assertThat(due(watch).get(0)).isFalse();
        btc.path += 2;
        assertThat(due(watch).get(0)).as("401 x 1.25 > 500").isTrue();
    }

    @Test
    void aPoolOnTwoMarketsSharesItsHeadroomByNotional() {
        PoolState pool = pool(0, btc, sol);  // 1 BTC at 100,000 and 1 SOL at 200: notional 100,200
        MarginWatch watch = new MarginWatch(List.of(pool));
        watch.healthy(pool, 1002, 0);  // 1 % of the notional: each market may move 1 %

        sol.path += 1.99;
        btc.path += 990;
        assertThat(due(watch).get(0)).as("both below 1 %").isFalse();
        sol.path += 0.02;
        assertThat(due(watch).get(0)).as("SOL moved past 1 %, whatever BTC did").isTrue();
    }

    @Test
    void aNewMeasureSupersedesTheOldOne() {
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        watch.healthy(pool, 100, 0);
        watch.healthy(pool, 1000, 0);  // measured again with more headroom

        btc.path += 500;
        assertThat(due(watch).get(0)).as("the first entry lapsed").isFalse();
        btc.path += 500;
        assertThat(due(watch).get(0)).isTrue();
    }

    @Test
    void manyPoolsComeDueInTriggerOrderWhateverTheOrderTheyWereMeasuredIn() {
        PoolState[] pools = new PoolState[50];
        for (int i = 0; i < pools.length; i++) pools[i] = pool(i, btc);
        MarginWatch watch = new MarginWatch(List.of(pools));
        for (int i = pools.length - 1; i >= 0; i--) watch.healthy(pools[(i * 7) % pools.length],
                10 + (i * 7) % pools.length * 10, 0);

        for (int step = 1; step <= pools.length; step++) {
            btc.path += 10;
            BitSet due = due(watch);
            assertThat(due.cardinality()).as("after a move of %d", step * 10).isEqualTo(1);
            assertThat(due.get(step - 1)).isTrue();
        }
    }

    @Test
    void aBigMoveThatReachesMuchOfTheHeapTakesExactlyThePoolsItReached() {
        PoolState[] pools = new PoolState[5000];
        for (int i = 0; i < pools.length; i++) pools[i] = pool(i, btc);
        MarginWatch watch = new MarginWatch(List.of(pools));
        for (int i = 0; i < pools.length; i++) watch.healthy(pools[(i * 13) % pools.length],
                1 + (i * 13) % pools.length, 0);

        btc.path += 3000;  // reaches the pools with headroom up to 3,000: ids 0 to 2,999
        BitSet due = due(watch);
        assertThat(due.cardinality()).isEqualTo(3000);
        assertThat(due.nextClearBit(0)).isEqualTo(3000);
        for (int step = 1; step <= 2000; step++) {
            btc.path += 1;
            assertThat(due(watch).stream().toArray()).as("the rest come due one by one").containsExactly(2999 + step);
        }
    }
    // Within the tiers: 1 BTC at 100,000 sits in the stepped table's first tier (0.5 % up to 200,000, 1 % above).
    private static final org.deleveraging.domain.MarginSchedule STEPPED =
            org.deleveraging.domain.MarginSchedule.stepped(
            List.of(d("0"), d("200000")), List.of(d("0.005"), d("0.01")));

    @Test
    void withinItsTierAPoolMayUseItsHeadroomOverMaintenanceAtTheTiersRate() {
        btc.use(STEPPED);
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        // 1,000 over screen x maintenance, screen 2: each unit of move costs 1 of equity and 2 x 0.5 % of margin
        assertThat(watch.healthyWithinTiers(pool, 1000, 2, 0)).isTrue();

        btc.path += 990;
        assertThat(due(watch).get(0)).as("990 x 1.01 < 1,000").isFalse();
        btc.path += 1;
        assertThat(due(watch).get(0)).as("991 x 1.01 > 1,000").isTrue();
    }

    @Test
    void aFeeToCloseInMaintenanceGrowsWithTheNotionalAsTheTiersRateDoes() {
        btc.use(STEPPED);
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        // the same pool with a fee of 0.5 % of the value at the mark in maintenance: each unit of move costs 1 of
        // equity and 2 x (0.5 % + 0.5 %) of margin, so 1,000 lasts 980 units, not 990
        assertThat(watch.healthyWithinTiers(pool, 1000, 2, 0.005)).isTrue();

        btc.path += 980;
        assertThat(due(watch).get(0)).as("980 x 1.02 < 1,000").isFalse();
        btc.path += 1;
        assertThat(due(watch).get(0)).as("981 x 1.02 > 1,000").isTrue();
    }

    @Test
    void theReachEndsWhereTheNotionalWouldReachTheNextTier() {
        btc.use(STEPPED);
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));
        // headroom for a move of ~190,000, but at a mark of 200,000 the whole notional pays 1 %: a step the rate misses
        assertThat(watch.healthyWithinTiers(pool, 200_000, 1, 0)).isTrue();

        btc.path += 99_999;
        assertThat(due(watch).get(0)).as("the notional is still below the next floor").isFalse();
        btc.path += 1;
        assertThat(due(watch).get(0)).as("it may have reached it").isTrue();
    }

    @Test
    void aTableWhoseMaintenanceFallsAsTheNotionalGrowsGivesNoReach() {
        btc.use(org.deleveraging.domain.MarginSchedule.stepped(List.of(d("0"), d("50000")),
                List.of(d("0.02"), d("0.01"))));
        PoolState pool = pool(0, btc);
        MarginWatch watch = new MarginWatch(List.of(pool));

        assertThat(watch.healthyWithinTiers(pool, 1000, 1, 0)).as("measured again next round instead").isFalse();
        btc.path += 1e9;
        assertThat(due(watch).isEmpty()).isTrue();
    }
}

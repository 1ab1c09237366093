package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The ADL queue's radix sort ({@link AdlStage.QueueOrder}) against the comparator it replaced: highest score first
 * by {@link Double#compare}, ties by ref. Scores repeat, and include NaN, both zeros, the infinities and subnormals.
 */
class QueueOrderProperties {

    record Place(double score, int ref) {}

    private static final Comparator<Place> COMPARATOR = (a, b) -> {
        int c = Double.compare(b.score, a.score);
        return c != 0 ? c : Integer.compare(a.ref, b.ref);
    };

    @Provide
    Arbitrary<Double> scores() {
        return Arbitraries.oneOf(
                Arbitraries.of(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L),
                        Double.longBitsToDouble(0xfff8000000000000L),
                        0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                        -Double.MAX_VALUE,
                        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -1.0, Math.nextUp(1.0),
                        Math.nextDown(1.0)),
                Arbitraries.integers().between(-5, 5).map(i -> i / 4.0),
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    @Provide
    Arbitrary<List<Double>> scoreLists() { return scores().list().ofMaxSize(400); }

    @Property(tries = 500)
    void sorts_as_the_comparator(@ForAll("scoreLists") List<Double> scores, @ForAll boolean inRefOrder,
                                 @ForAll @IntRange(min = 0, max = 3) int refSpread) {
        List<Integer> refs = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) refs.add(i << (8 * refSpread));
        if (!inRefOrder) Collections.shuffle(refs, new java.util.Random(scores.size()));
        Place[] places = new Place[scores.size()];
        for (int i = 0; i < places.length; i++) places[i] = new Place(scores.get(i), refs.get(i) & Integer.MAX_VALUE);
        Place[] expected = places.clone();
        Arrays.sort(expected, COMPARATOR);

        AdlStage.QueueOrder.sort(places, Place::score, Place::ref);

        assertThat(places).containsExactly(expected);
    }

    @Property(tries = 2000)
    void the_key_orders_as_double_compare_reversed(@ForAll("scores") double a, @ForAll("scores") double b) {
        assertThat(Integer.signum(
                Long.compareUnsigned(AdlStage.QueueOrder.descending(a), AdlStage.QueueOrder.descending(b))))
                .isEqualTo(-Integer.signum(Double.compare(a, b)));
    }

    @Example
    void a_large_queue_with_many_equal_scores() {
        java.util.Random random = new java.util.Random(7);
        Place[] places = new Place[200_000];
        for (int i = 0; i < places.length; i++)
            places[i] = new Place(random.nextInt(50) == 0 ? Double.NaN : random.nextInt(1000) / 7.0 - 70,
                    (int) ((i * 2654435761L) & 0x3fffffff));  // distinct refs in no order: an odd multiplier mod 2^30
        Place[] expected = places.clone();
        Arrays.sort(expected, COMPARATOR);

        AdlStage.QueueOrder.sort(places, Place::score, Place::ref);

        assertThat(places).containsExactly(expected);
    }
}

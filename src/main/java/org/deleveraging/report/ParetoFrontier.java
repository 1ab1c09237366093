package org.deleveraging.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto frontier of items measured on two axes, lower better on both: the items no other item dominates. One item
 * dominates another when it is no worse on either axis and better on at least one; so items equal on both axes do not
 * dominate each other, and all of them are on the frontier when one is.
 *
 * <p>It compares whatever it is given: grouping the items so that only comparable ones meet (the same stress) is the
 * caller's business ({@link SweepFrontiers}).
 */
final class ParetoFrontier {
    private ParetoFrontier() {}

    static boolean dominates(double ax, double ay, double bx, double by) {
        return ax <= bx && ay <= by && (ax < bx || ay < by);
    }

    /**
     * The non-dominated items, in the order given. Sorted by x then y, an item is on the frontier when its y is the
     * lowest of its x and lower than every y at a lower x: O(n log n), which matters for sweeps of thousands of points
     * times the pairs of axes the page offers.
     */
    static <T> List<T> of(List<T> items, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) order.add(i);
        order.sort(Comparator.<Integer>comparingDouble(i -> x.applyAsDouble(items.get(i)))
                .thenComparingDouble(i -> y.applyAsDouble(items.get(i))));
        boolean[] on = new boolean[items.size()];
        double bestY = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < order.size()) {
            double groupX = x.applyAsDouble(items.get(order.get(i)));
            double groupMinY = y.applyAsDouble(items.get(order.get(i)));
            int j = i;
            // the items of this x with its lowest y: equal to each other, dominated only by a lower y at a lower x
            while (j < order.size() && x.applyAsDouble(items.get(order.get(j))) == groupX
                    && y.applyAsDouble(items.get(order.get(j))) == groupMinY) {
                if (groupMinY < bestY) on[order.get(j)] = true;
                j++;
            }
            while (j < order.size() && x.applyAsDouble(items.get(order.get(j))) == groupX) j++;
            bestY = Math.min(bestY, groupMinY);
            i = j;
        }
        List<T> out = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) if (on[k]) out.add(items.get(k));
        return out;
    }
}

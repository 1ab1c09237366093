package org.deleveraging.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Allocations of a loss budget over winners' haircutable endowments (their profit), from the ADL paper (T. Chitra,
 * "Autodeleveraging: Impossibilities and Optimization", arXiv 2512.01112 v3, https://arxiv.org/abs/2512.01112v3).
 * Results are exact: amounts are at {@link Money#SCALE} and sum to the budget to the last unit, each within its cap.
 */
public final class Haircuts {
    private static final BigDecimal UNIT = BigDecimal.ONE.movePointLeft(Money.SCALE);

    private Haircuts() {}

    /** Queue: haircut fully in {@code order} (indices into {@code endowments}) until the budget is used. */
    public static List<BigDecimal> queue(List<BigDecimal> endowments, List<Integer> order, BigDecimal budget) {
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < endowments.size(); i++) out.add(BigDecimal.ZERO);
        BigDecimal left = budget;
        for (int i : order) {
            if (left.signum() <= 0) break;
            BigDecimal take = Money.min(endowments.get(i), left);
            out.set(i, take);
            left = left.subtract(take);
        }
        return out;
    }

    /** Pro-rata: every winner loses the same share of its endowment. */
    public static List<BigDecimal> proRata(List<BigDecimal> endowments, BigDecimal budget) {
        return cappedProRata(endowments, endowments, budget);
    }

    /**
     * Capped pro-rata (water-filling): h_i = min(eta, cap_i / w_i) with eta chosen so the amounts sum to the budget.
     * The budget is reduced to the sum of the caps when it exceeds it.
     */
    public static List<BigDecimal> cappedProRata(List<BigDecimal> endowments, List<BigDecimal> caps,
            BigDecimal budget) {
        int n = endowments.size();
        BigDecimal[] cap = new BigDecimal[n];
        BigDecimal capTotal = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            cap[i] = endowments.get(i).signum() > 0
                    ? Money.max(BigDecimal.ZERO, caps.get(i))
                    .setScale(Money.SCALE, RoundingMode.FLOOR) : BigDecimal.ZERO;
            capTotal = capTotal.add(cap[i]);
        }
        BigDecimal target = Money.min(budget.setScale(Money.SCALE, RoundingMode.FLOOR), capTotal);
        BigDecimal[] out = new BigDecimal[n];
        List<Integer> byCapShare = new ArrayList<>();
        BigDecimal weight = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            out[i] = BigDecimal.ZERO.setScale(Money.SCALE);
            if (cap[i].signum() > 0) {
                byCapShare.add(i);
                weight = weight.add(endowments.get(i));
            }
        }
        // each share divided once, not at every comparison: the sort compares a million accounts twenty times over
        BigDecimal[] capShare = new BigDecimal[n];
        for (int i : byCapShare) capShare[i] = cap[i].divide(endowments.get(i), 20, RoundingMode.HALF_EVEN);
        byCapShare.sort(Comparator.comparing((Integer i) -> capShare[i]).thenComparing(i -> i));
        BigDecimal left = target;
        int k = 0;
        // fill the accounts whose cap binds first, then share what is left in proportion to endowment
        while (k < byCapShare.size()) {
            int i = byCapShare.get(k);
            BigDecimal fair = left.multiply(endowments.get(i)).divide(weight, Money.SCALE, RoundingMode.FLOOR);
            if (cap[i].compareTo(fair) > 0) break;
            out[i] = cap[i];
            left = left.subtract(cap[i]);
            weight = weight.subtract(endowments.get(i));
            k++;
        }
        List<Integer> open = byCapShare.subList(k, byCapShare.size());
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i : open) {
            out[i] = Money.min(cap[i],
                    left.multiply(endowments.get(i)).divide(weight, Money.SCALE, RoundingMode.FLOOR));
            assigned = assigned.add(out[i]);
        }
        // the floor left a few units over: one each, largest endowment first
        BigDecimal residue = left.subtract(assigned);
        List<Integer> order = new ArrayList<>(open);
        order.sort(Comparator.comparing((Integer i) -> endowments.get(i)).reversed().thenComparing(i -> i));
        while (residue.signum() > 0 && !order.isEmpty()) {
            boolean progressed = false;
            for (int i : order) {
                if (residue.signum() <= 0) break;
                if (out[i].compareTo(cap[i]) < 0) {
                    out[i] = out[i].add(UNIT);
                    residue = residue.subtract(UNIT);
                    progressed = true;
                }
            }
            if (!progressed) break;
        }
        List<BigDecimal> result = new ArrayList<>();
        for (BigDecimal a : out) result.add(Money.clean(a));
        return result;
    }
}

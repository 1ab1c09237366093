package org.deleveraging.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;

/**
 * Who bore a run's haircuts. A haircut here is what ADL and socialised loss took from an account against the mark;
 * a negative one (an ADL fill better than the mark) counts as none, so that shares add up to at most one and the
 * concentration index stays between 0 and 1.
 *
 * <p>Shares and the index are ratios of exact sums, each rounded once to {@link #SCALE} decimal places.
 */
public final class HaircutShares {
    public static final int SCALE = 10;

    private HaircutShares() {}

    /** Each touched account's haircut, by account id: what the measures below read. */
    public static Map<String, BigDecimal> byAccount(Collection<AccountOutcome> outcomes) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (AccountOutcome o : outcomes) out.put(o.accountId(), o.haircut());
        return out;
    }

    /** The sum of positive haircuts. */
    public static BigDecimal total(Map<String, BigDecimal> haircuts) {
        return haircuts.values().stream().map(Money::positivePart).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The share of all positive haircuts borne by the top {@code fraction} of winners: accounts with a positive profit,
     * ranked by profit (largest first, then by account id), the top {@code ceil(fraction x winners)} of them. Null
     * when nothing was haircut or nobody won.
     */
    public static BigDecimal topWinnersShare(Map<String, BigDecimal> haircuts, List<AccountProfile> profiles,
                                             BigDecimal fraction) {
        BigDecimal total = total(haircuts);
        List<AccountProfile> winners = profiles.stream().filter(AccountProfile::winner)
                .sorted(Comparator.comparing(AccountProfile::profit).reversed()
                        .thenComparing(AccountProfile::accountId))
                .toList();
        if (total.signum() == 0 || winners.isEmpty()) return null;
        int top = fraction.multiply(BigDecimal.valueOf(winners.size())).setScale(0, RoundingMode.CEILING)
                .intValueExact();
        BigDecimal borne = BigDecimal.ZERO;
        for (AccountProfile w : winners.subList(0, Math.min(top, winners.size())))
            borne = borne.add(Money.positivePart(haircuts.getOrDefault(w.accountId(), BigDecimal.ZERO)));
        return ratio(borne, total);
    }

    /**
     * The Herfindahl-Hirschman index of positive haircuts: the sum of each account's squared share of the total. One
     * when a single account bore everything, 1/n when n accounts bore equal parts; its inverse reads as "the number of
     * accounts that bore the loss, counted as if equally". Null when nothing was haircut.
     */
    public static BigDecimal concentration(Map<String, BigDecimal> haircuts) {
        BigDecimal total = total(haircuts);
        if (total.signum() == 0) return null;
        BigDecimal squares = haircuts.values().stream().map(Money::positivePart).map(h -> h.multiply(h))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return ratio(squares, total.multiply(total));
    }

    /** 1 / index, to one decimal: the effective number of accounts that bore the haircuts. Null with no haircut. */
    public static BigDecimal effectiveAccounts(BigDecimal concentration) {
        return concentration == null ? null : BigDecimal.ONE.divide(concentration, 1, RoundingMode.HALF_EVEN);
    }

    static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return part.divide(whole, SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}

package org.deleveraging.report;

import org.deleveraging.run.AccountProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;

/**
 * Where a run's haircuts landed: summed over leverage bands and over profit deciles of the accounts as they entered
 * the scenario. Buckets depend only on the set and the scenario, so they line up across the runs of a report.
 */
public final class HaircutDistribution {
    /** Upper bounds (exclusive) of the leverage bands; the last band is open. */
    static final List<BigDecimal> LEVERAGE_BOUNDS = List.of(2, 5, 10, 20, 50).stream().map(BigDecimal::valueOf)
            .toList();
    static final String UNDER_WATER = "under water";

    private HaircutDistribution() {}

    /** The band labels in order: under water, then {@code < 2x}, {@code 2-5x}, ..., {@code >= 50x}. */
    public static List<String> leverageLabels() {
        List<String> out = new ArrayList<>(List.of(UNDER_WATER));
        BigDecimal low = null;
        for (BigDecimal b : LEVERAGE_BOUNDS) {
            out.add(low == null ? "< " + b + "x" : low + "-" + b + "x");
            low = b;
        }
        out.add(">= " + low + "x");
        return out;
    }

    /** The leverage band of one account, as one of {@link #leverageLabels()}. */
    public static String leverageBand(AccountProfile p) {
        List<String> labels = leverageLabels();
        if (p.leverage() == null) return labels.get(0);
        for (int i = 0; i < LEVERAGE_BOUNDS.size(); i++)
            if (p.leverage().compareTo(LEVERAGE_BOUNDS.get(i)) < 0) return labels.get(i + 1);
        return labels.get(labels.size() - 1);
    }

    public static List<Bucket> byLeverage(List<AccountProfile> profiles, Map<String, BigDecimal> haircuts) {
        List<String> labels = leverageLabels();
        List<List<AccountProfile>> groups = new ArrayList<>();
        labels.forEach(l -> groups.add(new ArrayList<>()));
        for (AccountProfile p : profiles) groups.get(labels.indexOf(leverageBand(p))).add(p);
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) out.add(bucket(labels.get(i), groups.get(i), haircuts));
        return out;
    }

    /** Haircuts summed by profit decile at the stress marks (see {@link #profitDeciles}). */
    public static List<Bucket> byProfitDecile(List<AccountProfile> profiles, Map<String, BigDecimal> haircuts) {
        Map<String, Integer> decile = profitDeciles(profiles);
        List<List<AccountProfile>> groups = new ArrayList<>();
        for (int d = 0; d < 10; d++) groups.add(new ArrayList<>());
        for (AccountProfile p : profiles) groups.get(decile.get(p.accountId()) - 1).add(p);
        List<Bucket> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) out.add(bucket(decileLabel(d + 1), groups.get(d), haircuts));
        return out;
    }

    /**
     * The profit decile (1..10) of each account at the stress marks: D1 holds the tenth of accounts with the largest
     * losses, D10 the tenth with the largest profits; ties are broken by account id, so the split is the same every
     * time.
     */
    public static Map<String, Integer> profitDeciles(List<AccountProfile> profiles) {
        List<AccountProfile> sorted = profiles.stream()
                .sorted(Comparator.comparing(AccountProfile::profit).thenComparing(AccountProfile::accountId)).toList();
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) out.put(sorted.get(i).accountId(), i * 10 / sorted.size() + 1);
        return out;
    }

    static String decileLabel(int d) {
        return "D" + d + (d == 1 ? " largest losses" : d == 10 ? " largest profits" : "");
    }

    private static Bucket bucket(String label, List<AccountProfile> members, Map<String, BigDecimal> haircuts) {
        int hit = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (AccountProfile p : members) {
            BigDecimal h = Money.positivePart(haircuts.getOrDefault(p.accountId(), BigDecimal.ZERO));
            if (h.signum() > 0) hit++;
            sum = sum.add(h);
        }
        return new Bucket(label, members.size(), hit, Money.clean(sum));
    }
}

package org.deleveraging.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiered maintenance-margin table: MM = notional x MMR(tier) - cum(tier), with
 * cum(n) = cum(n-1) + floor(n) x (MMR(n) - MMR(n-1)) so that MM is continuous at every boundary
 * (Binance's brackets, https://www.binance.com/tr/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6; Hyperliquid's
 * margin tiers, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers).
 *
 * <p>{@code chargedAtEntry}: the notional the table is read with is the position's value at its entry price rather than
 * at the mark. Bybit's inverse contracts were documented so (position value = contracts / average entry price, in the
 * 2024 version of
 * https://bybit.nl/nl-NL/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account
 * ),
 * which gives the isolated long liquidation price E x L / (L + 1 - m x L); the page's 2026 version reads it at the
 * mark.
 */
public record MarginSchedule(List<MarginTier> tiers, boolean chargedAtEntry) {

    public MarginSchedule {
        if (tiers.isEmpty()) throw new IllegalArgumentException("a margin schedule needs at least one tier");
        tiers = List.copyOf(tiers);
    }

    /** A table read with the value at the mark. */
    public MarginSchedule(List<MarginTier> tiers) { this(tiers, false); }

    /** The same table, read with the position's value at entry. */
    public MarginSchedule atEntry() { return new MarginSchedule(tiers, true); }

    /** Builds the table from floors and rates, deriving each maintenance amount. */
    public static MarginSchedule of(List<BigDecimal> floors, List<BigDecimal> rates) {
        List<MarginTier> out = new ArrayList<>();
        BigDecimal cum = BigDecimal.ZERO;
        for (int i = 0; i < floors.size(); i++) {
            if (i > 0) cum = cum.add(floors.get(i).multiply(rates.get(i).subtract(rates.get(i - 1))));
            out.add(new MarginTier(floors.get(i), rates.get(i), Money.clean(cum)));
        }
        return new MarginSchedule(out);
    }

    /**
     * A stepped table without deductions: the whole notional is charged its tier's rate, so MM jumps at each
     * boundary (BitMEX risk limits: a 230 XBT position pays 1.00% on all 230 XBT,
     * https://www.bitmex.com/app/riskLimitsExamples).
     */
    public static MarginSchedule stepped(List<BigDecimal> floors, List<BigDecimal> rates) {
        List<MarginTier> out = new ArrayList<>();
        for (int i = 0; i < floors.size(); i++) out.add(new MarginTier(floors.get(i), rates.get(i), BigDecimal.ZERO));
        return new MarginSchedule(out);
    }

    public static MarginSchedule flat(BigDecimal rate) {
        return of(List.of(BigDecimal.ZERO), List.of(rate));
    }

    /** Index (0-based) of the tier that applies to this notional. */
    public int tierIndex(BigDecimal notional) {
        int idx = 0;
        for (int i = 1; i < tiers.size() && notional.compareTo(tiers.get(i).floor()) > 0; i++) idx = i;
        return idx;
    }

    public MarginTier tierFor(BigDecimal notional) { return tiers.get(tierIndex(notional)); }

    /**
     * True when maintenance never falls as the notional grows: no negative rate, and at every floor the tier above
     * charges at least what the tier below does (continuous tables charge the same, stepped ones jump up). Every
     * table a policy file can give holds this (the reader requires rates that do not fall); a table built in code
     * may not.
     */
    public boolean neverFalls() {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).maintenanceRate().signum() < 0) return false;
            if (i == 0) continue;
            BigDecimal floor = tiers.get(i).floor();
            BigDecimal above = floor.multiply(tiers.get(i).maintenanceRate())
                    .subtract(tiers.get(i).maintenanceAmount());
            BigDecimal below = floor.multiply(tiers.get(i - 1).maintenanceRate())
                    .subtract(tiers.get(i - 1).maintenanceAmount());
            if (above.compareTo(below) < 0) return false;
        }
        return true;
    }

    public BigDecimal maintenance(BigDecimal notional) {
        MarginTier t = tierFor(notional.abs());
        long n = Money.unscaled(notional), r = Money.unscaled(t.maintenanceRate()),
                a = Money.unscaled(t.maintenanceAmount());
        if (n != Money.NOT_SMALL && r != Money.NOT_SMALL && a != Money.NOT_SMALL) {
            // in longs: every margin check measures every position of the pools it takes, and the BigDecimal
            // arithmetic allocates three numbers each time; the result is cleaned, so its value is all that must agree
            int productScale = notional.scale() + t.maintenanceRate().scale();
            int common = Math.max(productScale, t.maintenanceAmount().scale());
            try {
                long product = Money.scaleUp(Math.multiplyExact(Math.abs(n), r), common - productScale);
                return Money.clean(
                        Math.subtractExact(product, Money.scaleUp(a, common - t.maintenanceAmount().scale())), common);
            } catch (ArithmeticException overflow) {
                // the BigDecimal arithmetic below
            }
        }
        return Money.clean(notional.abs().multiply(t.maintenanceRate()).subtract(t.maintenanceAmount()));
    }
}

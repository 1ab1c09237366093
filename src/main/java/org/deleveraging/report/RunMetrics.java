package org.deleveraging.report;

import org.deleveraging.run.HaircutShares;
import org.deleveraging.run.AccountProfile;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.RunSummary;

/**
 * The figures of one run in the report's metrics table. Most come straight from the stored {@link RunSummary}; the
 * fund's low point comes from the stored steps, and the winners' shares and the concentration index from the stored
 * per-account outcomes.
 *
 * @param accountsLiquidated accounts with any liquidated notional; {@code liquidations} counts liquidation fills
 * @param fundMin the lowest insurance-fund balance at the start or at the end of any step
 * @param top1Share share of positive haircuts borne by the top 1 % of winners; null without haircuts or without
 *                  the account set (see {@link HaircutShares#topWinnersShare})
 * @param concentration Herfindahl-Hirschman index of positive haircuts; null without haircuts
 * @param shortfall the steps' shortfalls summed, {@code fundPaid} and {@code adlCovered} likewise; each as
 *                  {@link StepMetrics} defines it
 * @param maxHaircutProfitShare the largest haircut over the profit before that step's haircuts (engine/ProfitHaircut);
 *                              null for a run stored before that definition, whose account cell then says so
 */
public record RunMetrics(int accounts, int accountsLiquidated, int liquidations, BigDecimal liquidationNotional,
        BigDecimal fundStart,
                         BigDecimal fundMin, BigDecimal fundEnd, BigDecimal badDebt, int adlCount,
                         BigDecimal adlNotional,
                         BigDecimal adlOvershoot, BigDecimal socialized, double maxHaircutEquityShare,
                         String maxHaircutEquityAccount, Double maxHaircutProfitShare, String maxHaircutProfitAccount,
                         BigDecimal haircutTotal, int haircutAccounts, BigDecimal top1Share, BigDecimal top10Share,
                         BigDecimal concentration, BigDecimal shortfall, BigDecimal fundPaid, BigDecimal adlCovered) {

    static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");
    static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

    /**
     * @param outcomes every account the run touched
     * @param profiles every account of the set, or null when the set is no longer the one the run used
     */
    public static RunMetrics of(RunSummary s, List<StepMetrics> steps, Collection<AccountOutcome> outcomes,
                                List<AccountProfile> profiles) {
        Map<String, BigDecimal> haircuts = HaircutShares.byAccount(outcomes);
        int liquidated = (int) outcomes.stream().filter(o -> o.liquidatedNotional().signum() > 0).count();
        BigDecimal fundMin = s.fundStart();
        for (StepMetrics step : steps) fundMin = Money.min(fundMin, step.fundBalance());
        int hit = (int) haircuts.values().stream().filter(h -> h.signum() > 0).count();
        return new RunMetrics(s.accounts(), liquidated, s.liquidations(), s.liquidationNotional(), s.fundStart(),
                fundMin, s.fundEnd(),
                s.badDebt(), s.adlCount(), s.adlNotional(), s.adlOvershoot(), s.socialized(), s.maxHaircutEquityShare(),
                s.maxHaircutEquityAccount(), s.profitShareIsOldMeasure() ? null : s.maxHaircutProfitShare(),
                s.profitShareIsOldMeasure()
                ? "not measured: the run was stored before this definition (its old figure, "
                        + Numbers.pct(java.math.BigDecimal.valueOf(s.maxHaircutProfitShare())) + " of "
                        + s.maxHaircutProfitAccount() + "'s largest profit however small, is not comparable)"
                        : s.maxHaircutProfitAccount(),
                Money.clean(HaircutShares.total(haircuts)), hit,
                profiles == null ? null : HaircutShares.topWinnersShare(haircuts, profiles, ONE_PERCENT),
                profiles == null ? null : HaircutShares.topWinnersShare(haircuts, profiles, TEN_PERCENT),
                HaircutShares.concentration(haircuts), sum(steps, StepMetrics::shortfall),
                sum(steps, StepMetrics::fundPaid), sum(steps, StepMetrics::adlCovered));
    }

    private static BigDecimal sum(List<StepMetrics> steps, java.util.function.Function<StepMetrics, BigDecimal> f) {
        BigDecimal out = BigDecimal.ZERO;
        for (StepMetrics s : steps) out = out.add(f.apply(s));
        return Money.clean(out);
    }

    public BigDecimal effectiveAccounts() { return HaircutShares.effectiveAccounts(concentration); }
}

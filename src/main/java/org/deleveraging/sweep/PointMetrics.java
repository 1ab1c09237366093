package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.InsuranceFunds;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.AccountProfile;
import org.deleveraging.run.AccountProfiles;
import org.deleveraging.run.HaircutShares;
import org.deleveraging.run.RunSummary;

/**
 * What a sweep keeps of one point's run: the run summary's figures and the fairness and market-impact measures a
 * frontier needs, not its events. Amounts are in the settlement asset, summed over assets, as in {@link RunSummary};
 * each share names its denominator.
 *
 * @param openInterest the book's open interest at the start marks (half the gross notional): the denominator that makes
 *                     amounts of different books and scenarios comparable
 * @param shortfall the deficit the bankruptcies left for the waterfall, summed over steps ({@link StepMetrics})
 * @param fundMin the lowest insurance-fund balance at the start or the end of any step
 * @param haircutTotal what ADL and socialised loss took from winners against the mark
 * @param maxHaircutEquityShare the largest haircut over that account's equity just before it (0..1)
 * @param maxHaircutProfitShare the largest haircut over the profit before that step's haircuts (0..1; engine's
 *                              ProfitHaircut)
 * @param top1Share share of haircuts borne by the top 1 % of winners (ranked by profit at the stress marks); null
 *                  without haircuts
 * @param concentration Herfindahl-Hirschman index of the haircuts (1 = one account paid all); null without haircuts
 * @param marketImpact the largest distance, over steps and markets, between the mark the run's own liquidations left
 *                     and the scenario's mark, over the scenario's mark (0..)
 * @param resultDigest the run's digest: two points with the same digest did the same thing
 *
 * <p>Every figure follows from the point alone: the same point gives the same metrics on any machine (how long it took
 * is kept beside them, not in them).
 */
public record PointMetrics(int accounts, int positions, BigDecimal openInterest, BigDecimal shortfall,
                           BigDecimal fundStart, BigDecimal fundMin, BigDecimal fundEnd, BigDecimal fundPaid,
                           BigDecimal badDebt, int liquidations, int accountsLiquidated,
                           BigDecimal liquidationNotional, int adlCount, BigDecimal adlNotional, BigDecimal adlCovered,
                           BigDecimal adlOvershoot, BigDecimal socialized, BigDecimal haircutTotal,
                           int haircutAccounts, double maxHaircutEquityShare, double maxHaircutProfitShare,
                           BigDecimal top1Share, BigDecimal concentration, double marketImpact, String resultDigest)
        implements java.io.Serializable {

    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    /**
     * @param scenario the scenario as the point ran it (its severity and funds applied): its marks are what the
     *                 market impact is measured against
     */
    public static PointMetrics of(RunSummary s, List<StepMetrics> steps, Collection<AccountOutcome> outcomes,
                                  AccountSet set, Scenario scenario) {
        BigDecimal fundMin = s.fundStart();
        BigDecimal shortfall = BigDecimal.ZERO;
        for (StepMetrics step : steps) {
            fundMin = Money.min(fundMin, step.fundBalance());
            shortfall = shortfall.add(step.shortfall());
        }
        Map<String, BigDecimal> haircuts = HaircutShares.byAccount(outcomes);
        int liquidated = 0;
        int hit = 0;
        for (AccountOutcome o : outcomes) {
            if (o.liquidatedNotional().signum() > 0) liquidated++;
            if (o.haircut().signum() > 0) hit++;
        }
        BigDecimal oi = BigDecimal.ZERO;
        for (BigDecimal v : InsuranceFunds.openInterest(scenario, set).values()) oi = oi.add(v);
        List<AccountProfile> profiles = hit == 0 ? List.of()
                : List.copyOf(AccountProfiles.of(set, scenario).values());
        return new PointMetrics(s.accounts(), s.positions(), Money.clean(oi), Money.clean(shortfall), s.fundStart(),
                Money.clean(fundMin), s.fundEnd(), s.fundPaid(), s.badDebt(), s.liquidations(), liquidated,
                s.liquidationNotional(), s.adlCount(), s.adlNotional(), s.adlCovered(),
                Money.clean(s.adlOvershoot()), s.socialized(), Money.clean(HaircutShares.total(haircuts)), hit,
                s.maxHaircutEquityShare(), s.maxHaircutProfitShare(),
                hit == 0 ? null : HaircutShares.topWinnersShare(haircuts, profiles, ONE_PERCENT),
                HaircutShares.concentration(haircuts), marketImpact(steps, scenario), s.resultDigest());
    }

    /** How far the run's own fills moved the marks from the scenario's, at the worst step and market. */
    static double marketImpact(List<StepMetrics> steps, Scenario scenario) {
        double worst = 0;
        for (StepMetrics step : steps) {
            if (step.step() >= scenario.steps().size()) continue;
            Map<String, BigDecimal> given = scenario.steps().get(step.step()).marks();
            for (var e : step.marks().entrySet()) {
                BigDecimal g = given.get(e.getKey());
                if (g == null || g.signum() <= 0) continue;
                worst = Math.max(worst, Math.abs(e.getValue().doubleValue() / g.doubleValue() - 1));
            }
        }
        return worst;
    }

    /** Bad debt over the shortfall: the share of the bankruptcies' deficit nobody absorbed (0 without shortfall). */
    public double badDebtShareOfShortfall() { return ratio(badDebt, shortfall); }

    /** Bad debt over the book's open interest at the start marks. */
    public double badDebtShareOfOpenInterest() { return ratio(badDebt, openInterest); }

    /** What the fund paid over what it held at the start (0 for a policy without a fund). */
    public double fundDrawnShare() { return ratio(fundPaid, fundStart); }

    /** The ADL overshoot over the shortfall: how much more ADL took than the deficits it covered. */
    public double adlOvershootShareOfShortfall() { return ratio(adlOvershoot, shortfall); }

    /** Haircuts over the book's open interest at the start marks. */
    public double haircutShareOfOpenInterest() { return ratio(haircutTotal, openInterest); }

    private static double ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? 0 : part.doubleValue() / whole.doubleValue();
    }
}

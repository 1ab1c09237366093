package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.InsuranceFunds;
import org.deleveraging.domain.Money;
import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;

/**
 * "Cover 2" as the PFMI ask it of a central counterparty (CPMI-IOSCO, Principles for financial market
 * infrastructures, 2012, Principle 4, key consideration 4, https://www.bis.org/cpmi/publ/d101a.pdf): financial
 * resources sufficient to cover the default of the two participants that would cause the largest aggregate credit
 * exposure in extreme but plausible market conditions. Here, per policy:
 * <ul>
 *   <li>a participant is an <b>account</b>: an account set has no notion of a group of accounts (an affiliate), so
 *       none is aggregated;</li>
 *   <li>an account's <b>stressed loss</b> is the deficit its default leaves for the loss waterfall under the policy's
 *       liquidation mechanics: its margin pools' share of the step table's shortfall (equity below zero once its
 *       positions are closed, the layers' close losses included), in a run of the scenario whose insurance funds are
 *       made unlimited ({@link #unlimitedFunds}), so that ADL, which changes later marks and who defaults, does not
 *       run for want of a fund;</li>
 *   <li>the <b>cover-2 fund</b> is the sum of the two largest stressed losses, compared with the fund the scenario
 *       gives the policy at the start (all its funds summed: a per-market fund cannot in fact pay another market's
 *       deficit).</li>
 * </ul>
 *
 * <p><b>What is exact.</b> The unlimited-fund run's events name each deficit's account: the fund's payment
 * ({@code FUND_COVER}) and a write-off ({@code BAD_DEBT}) carry the bankrupt account, a clawback piece
 * ({@code SOCIALIZED}) names it as the counterparty. These are exact to the last unit. Where ADL still runs (the book
 * could not take a position the fund would have taken, or the policy's ADL trigger is not the fund), each step's
 * "ADL covered" (exact, from the step table) is shared among that step's bankrupt accounts in proportion to what the
 * ADL fills against each gave it: exact per account when no fill went beyond a deficit (no ADL overshoot, as at the
 * bankruptcy price), a pro-rata estimate otherwise (a close at the previous mark can give a pool more than its
 * deficit). The losses then add up to the run's shortfall, less what a backstop vault took on in the waterfall, which
 * names no account: {@link Attribution#unattributed()}.
 */
public final class CoverTwo {
    /** An unlimited fund: this many times the book's open interest at the start marks, summed over markets. */
    public static final BigDecimal UNLIMITED_TIMES_OPEN_INTEREST = BigDecimal.TEN;

    private CoverTwo() {}

    /** An account's stressed loss. */
    public record Loss(String accountId, BigDecimal loss) {}

    /**
     * The deficits of one run, by account, largest first (then by account id).
     *
     * @param shortfall the run's shortfall, summed over steps
     * @param adlCloses the ADL closes of the run attributed (a run with none attributes exactly)
     */
    public record Attribution(List<Loss> losses, BigDecimal shortfall, int adlCloses) {
        public Attribution {
            losses = List.copyOf(losses);
        }

        public BigDecimal attributed() {
            return losses.stream().map(Loss::loss).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The shortfall the events did not name an account for (negative: attributed beyond it, ADL overshoot). */
        public BigDecimal unattributed() { return Money.clean(shortfall.subtract(attributed())); }

        /** The sum of the two largest losses (one if only one account defaulted, zero if none did). */
        public BigDecimal coverTwo() {
            return losses.stream().limit(2).map(Loss::loss).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /**
     * The scenario with every market of {@code set} given a fund of {@link #UNLIMITED_TIMES_OPEN_INTEREST} times the
     * book's whole open interest at the start marks (a shared pool holds the sum of its markets'): more than any
     * deficit of a crash, so that no deficit waits for ADL for want of a fund. A policy without a fund has none still.
     */
    public static Scenario unlimitedFunds(Scenario s, AccountSet set) {
        BigDecimal oi = BigDecimal.ZERO;
        for (BigDecimal v : InsuranceFunds.openInterest(s, set).values()) oi = oi.add(v);
        BigDecimal each = Money.clean(oi.multiply(UNLIMITED_TIMES_OPEN_INTEREST).max(BigDecimal.ONE));
        Map<String, BigDecimal> funds = new LinkedHashMap<>();
        for (String market : set.markets().keySet()) funds.put(market, each);
        return new Scenario(s.name() + "-fund-unlimited", s.description() + " (insurance funds unlimited)", s.seed(),
                s.steps(), funds, Map.of(), s.backstopCapital());
    }

    /** Each account's deficit in {@code r}, from its events and step table, as the class comment says. */
    public static Attribution attribute(RunResult r) {
        Map<String, BigDecimal> paid = new TreeMap<>();
        // per step, per bankrupt account: what the ADL fills against it gave it (the counterparties' loss)
        Map<Integer, Map<String, BigDecimal>> adlGain = new TreeMap<>();
        for (RunEvent e : r.events()) {
            switch (e.kind()) {
                case FUND_COVER, BAD_DEBT -> paid.merge(e.accountId(), e.amount().abs(), BigDecimal::add);
                case SOCIALIZED -> {
                    if (isAccount(e.counterpartyId()))
                        paid.merge(e.counterpartyId(), e.amount().abs(), BigDecimal::add);
                }
                case ADL -> {
                    if (isAccount(e.counterpartyId()))
                        adlGain.computeIfAbsent(e.step(), k -> new TreeMap<>())
                                .merge(e.counterpartyId(), e.amount().negate(), BigDecimal::add);
                }
                default -> { }
            }
        }
        BigDecimal shortfall = BigDecimal.ZERO;
        int adl = 0;
        for (StepMetrics step : r.steps()) {
            shortfall = shortfall.add(step.shortfall());
            adl += step.adlCount();
            Map<String, BigDecimal> gains = adlGain.getOrDefault(step.step(), Map.of());
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal g : gains.values()) total = total.add(Money.positivePart(g));
            if (total.signum() == 0 || step.adlCovered().signum() == 0) continue;
            // the step's ADL covered, shared in proportion to each account's gain: its gain itself when no fill went
            // beyond a deficit (then the two totals are equal)
            for (var g : gains.entrySet())
                if (g.getValue().signum() > 0)
                    paid.merge(g.getKey(), total.compareTo(step.adlCovered()) <= 0 ? g.getValue()
                            : Money.divide(g.getValue().multiply(step.adlCovered()), total), BigDecimal::add);
        }
        List<Loss> losses = new ArrayList<>();
        paid.forEach((id, loss) -> {
            if (loss.signum() > 0) losses.add(new Loss(id, Money.clean(loss)));
        });
        losses.sort(Comparator.comparing(Loss::loss).reversed().thenComparing(Loss::accountId));
        return new Attribution(losses, Money.clean(shortfall), adl);
    }

    private static boolean isAccount(String id) { return id != null && !id.startsWith("@"); }

    /**
     * One policy's cover 2.
     *
     * @param hasFund whether the policy keeps an insurance fund at all (granularity other than {@code none})
     * @param fundStart the funds the scenario gives the policy at the start, summed
     * @param unlimited the deficits of the run with unlimited funds
     * @param adlCloses ADL closes in the run with the scenario's own funds
     * @param badDebt bad debt in the run with the scenario's own funds
     */
    public record PolicyCover(String policyId, boolean hasFund, BigDecimal fundStart, Attribution unlimited,
                              int adlCloses, BigDecimal badDebt) {
        public BigDecimal coverTwo() { return unlimited.coverTwo(); }

        public boolean covered() { return fundStart.compareTo(coverTwo()) >= 0; }

        /** How much more the fund would have needed (zero when covered). */
        public BigDecimal shortBy() { return Money.positivePart(coverTwo().subtract(fundStart)); }
    }
}

package org.deleveraging.shell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deleveraging.input.InputException;
import org.deleveraging.run.RunProgress;
import org.deleveraging.sweep.CoverTwo;
import org.deleveraging.sweep.StressLine;
import org.deleveraging.sweep.StressSearch;
import org.deleveraging.sweep.StressTests;
import org.jline.terminal.Terminal;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code stress find} and {@code stress cover2}: reverse stress tests of a policy over an account set. */
@Command(group = "Stress")
public class StressCommands {
    static final String CAVEAT = "the first crossing on a scan of " + StressSearch.SCAN + " equal steps, refined by"
            + " bisection: a run's figures need not grow with the severity (a harsher crash can liquidate earlier, or"
            + " give winners more profit to claw back, and leave less bad debt), so a line crossed and uncrossed again"
            + " within one scan step can be missed";

    private static final BigDecimal CENT = new BigDecimal("0.005");

    private final StressTests stress;
    private final Interrupts interrupts;

    public StressCommands(StressTests stress, Interrupts interrupts) {
        this.stress = stress;
        this.interrupts = interrupts;
    }

    @Command(command = "stress find", description = "Search a scenario's severity (a scan, then bisection), one run"
            + " per probe, for"
            + " the smallest severity at which a line is crossed; keep the run at the threshold. --until: "
            + "bad-debt (bad debt > 0), fund-exhausted (the funds' summed balance at zero at some step), adl (ADL"
            + " closes > 0), max-haircut>X% (largest haircut over that account's equity above X %).")
    public String find(@Option(longNames = "policy", description = "the policy (default: the one in use)")
                       @OptionValues(provider = "policyNames") String policy,
                       @Option(longNames = "accounts", required = true, description = "the account set")
                       @OptionValues(provider = "accountSetNames") String accounts,
                       @Option(longNames = "scenario", required = true, description = "the scenario")
                       @OptionValues(provider = "scenarioNames") String scenario,
                       @Option(longNames = "until", required = true, description = "the line: "
                               + StressLine.CHOICES) String until,
                       @Option(longNames = "from", defaultValue = "0", description = "the lowest severity") String from,
                       @Option(longNames = "to", description = "the highest severity (default: the largest, to two"
                               + " decimals, below the one that takes a mark to zero)") String to,
                       @Option(longNames = "tolerance", defaultValue = "0.01",
                               description = "the widest bracket to end on") String tolerance,
                       @Option(longNames = "seed", description = "overrides the scenario's seed") Long seed,
                       CommandContext ctx) {
        return find(policy, accounts, scenario, until, from, to, tolerance, seed, ctx.getTerminal());
    }

    String find(String policy, String accounts, String scenario, String until, String from, String to,
                String tolerance, Long seed, Terminal terminal) {
        Progress bar = new Progress(terminal);
        StressTests.Found f;
        try (Interrupts.Command command = interrupts.begin()) {
            f = stress.find(policy, accounts, scenario, until, number("--from", from), to == null ? null
                    : number("--to", to), number("--tolerance", tolerance), seed,
                    (done, most, k) -> bar.update("running x" + k.toPlainString(), done, Math.max(3, most)),
                    keptRun(bar), command.cancellation());
        } finally {
            bar.done();
        }
        return findText(f);
    }

    private static RunProgress keptRun(Progress bar) {
        return (phase, done, total) -> bar.update(phase, done, total);
    }

    static String findText(StressTests.Found f) {
        StressSearch.Outcome o = f.outcome();
        StringBuilder b = new StringBuilder();
        b.append("stress find: ").append(f.policyId()).append(" over ").append(f.setName()).append(" under ")
                .append(f.scenarioName()).append(" (seed ").append(f.seed()).append("), until ")
                .append(f.line().name()).append(": ").append(f.line().definition()).append('\n');
        b.append("severities ").append(plain(o.from())).append(" to ").append(plain(o.to()))
                .append(f.limit() == null ? " (the scenario's marks only rise: no severity takes one to zero)"
                        : " (severity " + plain(f.limit().stripTrailingZeros()) + " would take a mark to zero)")
                .append(", tolerance ").append(plain(o.tolerance())).append("\n\n");
        TextTable t = new TextTable(">probe", ">severity", "crossed", "figure");
        for (StressSearch.Probe p : o.probes())
            t.row(p.number(), plain(p.severity()), !p.reading().applies() ? "-" : p.crossed() ? "yes" : "no",
                    p.reading().text());
        b.append(t).append('\n');
        switch (o.verdict()) {
            case NOT_APPLICABLE -> b.append("not applicable: ").append(f.policyId()).append(": ")
                    .append(o.probes().get(0).reading().text()).append('\n');
            case NOT_CROSSED -> b.append("not crossed at any scanned severity up to ").append(plain(o.to()))
                    .append('\n');
            case CROSSED_AT_FROM -> b.append("crossed already at severity ").append(plain(o.from()))
                    .append(" (--from): no threshold above it to search for\n");
            case FOUND -> {
                b.append("threshold: severity ").append(plain(o.threshold())).append(" (bracket [")
                        .append(plain(o.below())).append(", ").append(plain(o.threshold())).append("], tolerance ")
                        .append(plain(o.tolerance())).append(", ").append(o.probes().size()).append(" probes)\n");
                if (f.kept() != null) {
                    b.append("kept run ").append(f.kept().id()).append(" (").append(f.kept().label())
                            .append("): explain --run ")
                            .append(f.kept().id()).append(" --account ..., compare, report ").append(f.kept().id())
                            .append('\n');
                    if (!f.keptMatches())
                        b.append("warning: the kept run's result digest differs from its probe's\n");
                }
                b.append("note: ").append(CAVEAT).append('\n');
            }
        }
        List<StressSearch.Contradiction> against = o.contradictions();
        if (o.probes().size() > 1 && o.verdict() != StressSearch.Verdict.NOT_APPLICABLE) {
            if (against.isEmpty()) b.append("monotonicity: no probe contradicted it\n");
            for (StressSearch.Contradiction c : against)
                b.append("monotonicity contradicted: probe ").append(c.higher().number()).append(" (x")
                        .append(plain(c.higher().severity())).append(": ").append(c.higher().reading().text())
                        .append(") saw less than probe ").append(c.lower().number()).append(" (x")
                        .append(plain(c.lower().severity())).append(": ").append(c.lower().reading().text())
                        .append(")\n");
        }
        return b.toString();
    }

    @Command(command = "stress cover2", description = "PFMI Cover 2 (CPMI-IOSCO Principle 4, key consideration 4): per"
            + " policy, each account's stressed loss (the deficit its default leaves for the waterfall, from a run with"
            + " unlimited insurance funds), the two largest, their sum against the fund the scenario gives, and whether"
            + " ADL ran with the scenario's own fund.")
    public String coverTwo(@Option(longNames = "policies", description = "comma-separated policies, or all (default: "
                                   + "bitmex, capped-pro-rata, hyperliquid)") String policies,
                           @Option(longNames = "accounts", required = true, description = "the account set")
                           @OptionValues(provider = "accountSetNames") String accounts,
                           @Option(longNames = "scenario", required = true, description = "the scenario")
                           @OptionValues(provider = "scenarioNames") String scenario,
                           @Option(longNames = "severity", defaultValue = "1",
                                   description = "the scenario's severity") String severity,
                           @Option(longNames = "top", defaultValue = "10",
                                   description = "how many accounts to list per policy") int top,
                           @Option(longNames = "seed", description = "overrides the scenario's seed") Long seed,
                           CommandContext ctx) {
        return coverTwo(policies, accounts, scenario, severity, top, seed, ctx.getTerminal());
    }

    String coverTwo(String policies, String accounts, String scenario, String severity, int top, Long seed,
                    Terminal terminal) {
        List<String> ids = new ArrayList<>();
        if (policies != null)
            for (String p : policies.split("[,\\s]+")) if (!p.isBlank()) ids.add(p.trim());
        Progress bar = new Progress(terminal);
        StressTests.Cover c;
        try (Interrupts.Command command = interrupts.begin()) {
            c = stress.coverTwo(ids, accounts, scenario, number("--severity", severity), seed,
                    (done, most, k) -> bar.update("running policies", done, Math.max(3, most)),
                    command.cancellation());
        } finally {
            bar.done();
        }
        return coverText(c, top);
    }

    static String coverText(StressTests.Cover c, int top) {
        StringBuilder b = new StringBuilder("stress cover2: ").append(c.setName()).append(" under ")
                .append(c.scenarioName()).append(" at severity ").append(plain(c.severity())).append(" (seed ")
                .append(c.seed()).append(")\n");
        b.append("stressed loss: the deficit an account's default leaves for the loss waterfall, from a run with "
                + "unlimited insurance funds (no ADL for want of a fund); accounts, as the set has no account groups;"
                + " cover 2 = the two largest (PFMI Principle 4 KC 4, https://www.bis.org/cpmi/publ/d101a.pdf)\n");
        for (String s : c.skipped()) b.append("skipped: ").append(s).append('\n');
        for (CoverTwo.PolicyCover p : c.policies()) {
            CoverTwo.Attribution a = p.unlimited();
            b.append('\n').append(p.policyId()).append(": ").append(a.losses().size())
                    .append(a.losses().size() == 1 ? " account" : " accounts").append(" left a deficit, ")
                    .append(Show.money(a.attributed())).append(" in all\n");
            if (!a.losses().isEmpty()) {
                TextTable t = new TextTable(">rank", "account", ">stressed loss", ">share of fund", ">cumulative");
                BigDecimal sum = BigDecimal.ZERO;
                int rank = 0;
                for (CoverTwo.Loss l : a.losses()) {
                    if (rank >= Math.max(top, 2)) break;
                    sum = sum.add(l.loss());
                    t.row(++rank, l.accountId(), Show.money(l.loss()), share(l.loss(), p.fundStart()),
                            Show.money(sum));
                }
                b.append(t);
                if (a.losses().size() > rank)
                    b.append("... ").append(a.losses().size() - rank).append(" more; --top ")
                            .append(a.losses().size()).append(" for all\n");
            }
            b.append(summary(p)).append('\n');
            if (a.unattributed().abs().compareTo(CENT) >= 0)
                b.append("  note: ").append(Show.money(a.unattributed())).append(" of the unlimited-fund run's "
                        + "shortfall ").append(Show.money(a.shortfall())).append(" names no account (what a backstop "
                        + "vault took on in the waterfall)\n");
            if (a.adlCloses() > 0)
                b.append("  note: ADL still ran ").append(a.adlCloses()).append(" times with unlimited funds (the book"
                        + " could not take a position, or the policy's ADL trigger is not the fund): ADL's part of a"
                        + " loss is the step's ADL covered shared by what its fills gave each account\n");
        }
        return b.toString();
    }

    private static String summary(CoverTwo.PolicyCover p) {
        String fund = !p.hasFund() ? "no insurance fund (the policy keeps none)"
                : "fund at start " + Show.money(p.fundStart());
        String verdict = !p.hasFund() || p.fundStart().signum() == 0 ? "nothing to cover it"
                : p.covered() ? "covered" : "short by " + Show.money(p.shortBy());
        return "  cover 2 " + p.policyId() + ": fund needed " + Show.money(p.coverTwo()) + "; " + fund + ": "
                + verdict + "; with the scenario's fund ADL " + (p.adlCloses() > 0 ? "ran (" + p.adlCloses()
                + " closes)" : "did not run") + ", bad debt " + Show.money(p.badDebt());
    }

    private static String share(BigDecimal loss, BigDecimal fund) {
        if (fund.signum() == 0) return "-";
        return String.format(Locale.ROOT, "%.1f %%", 100 * loss.doubleValue() / fund.doubleValue());
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static BigDecimal number(String option, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InputException(option + " is a number, not '" + text + "'");
        }
    }
}

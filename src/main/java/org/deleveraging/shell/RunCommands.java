package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunLabels;
import org.deleveraging.run.StoredRun;
import org.deleveraging.run.RunReports;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code run}, {@code compare}, {@code explain} and {@code adl-queue}: running a policy and reading what it did. */
@Command(group = "Runs")
public class RunCommands {
    private final RunService runs;
    private final RunReports reports;
    private final Interrupts interrupts;

    public RunCommands(RunService runs, RunReports reports, Interrupts interrupts) {
        this.runs = runs;
        this.reports = reports;
        this.interrupts = interrupts;
    }

    @Command(command = "run", description = "Run a policy over an account set under a scenario, store the run with its"
            + " provenance and print its step table and summary. The step table's columns: "
            + org.deleveraging.engine.StepMetrics.DEFINITIONS)
    public String run(@Option(longNames = "policy", description = "the policy (default: the one in use)")
                      @OptionValues(provider = "policyNames") String policy,
                      @Option(longNames = "accounts", required = true, description = "the account set")
                      @OptionValues(provider = "accountSetNames") String accounts,
                      @Option(longNames = "scenario", required = true, description = "the scenario")
                      @OptionValues(provider = "scenarioNames") String scenario,
                      @Option(longNames = "seed", description = "overrides the scenario's seed") Long seed,
                      CommandContext ctx) {
        String warning = runs.staleness(policy).map(w -> "warning: " + w + "\n").orElse("");
        Progress bar = new Progress(ctx.getTerminal());
        StringBuilder notices = new StringBuilder();
        RunProgress progress = new RunProgress() {
            @Override public void update(String phase, long done, long total) { bar.update(phase, done, total); }

            @Override public void notice(String line) { notices.append("notice: ").append(line).append('\n'); }
        };
        // Ctrl-C cancels it until the run is stored (Interrupts); the stored run is then read back as usual
        StoredRun r;
        try (Interrupts.Command command = interrupts.begin()) {
            r = runs.run(policy, accounts, scenario, seed, progress, command.cancellation());
        } finally {
            bar.done();
        }
        List<StepMetrics> steps = reports.show(String.valueOf(r.id())).steps();
        return warning + notices + RunText.header(r) + "\n" + RunText.steps(steps) + "\n" + RunText.summary(r, steps)
                + "\n" + RunText.timings(r);
    }

    @Command(command = "compare",
            description = "Compare runs side by side, then list the accounts whose outcome differs"
            + " most.")
    public String compare(@Option(longNames = "runs", required = true, arity = OptionArity.ONE_OR_MORE,
                                  description = "two or more run numbers") @OptionValues(
                                  provider = "runNames") String[] runIds,
                          @Option(longNames = "top", defaultValue = "10",
                                  description = "how many accounts to list") int top) {
        RunReports.Comparison c = reports.compare(List.of(runIds), top);
        List<String> cols = new ArrayList<>(List.of("measure"));
        for (StoredRun r : c.runs()) cols.add(">run " + r.id());
        TextTable t = new TextTable(cols.toArray(String[]::new));
        Map<Long, String> policies = RunLabels.policies(c.runs());
        row(t, c, "policy", r -> policies.get(r.id()));
        row(t, c, "policy version", r -> String.valueOf(r.provenance().policyVersion()));
        row(t, c, "account set", r -> r.provenance().setName());
        row(t, c, "scenario", r -> r.provenance().scenarioName() + " (seed " + r.provenance().seed() + ")");
        row(t, c, "liquidations", r -> String.valueOf(r.summary().liquidations()));
        row(t, c, "liquidated notional", r -> Show.money(r.summary().liquidationNotional()));
        row(t, c, "insurance fund start", r -> Show.money(r.summary().fundStart()));
        row(t, c, "insurance fund paid", r -> Show.money(r.summary().fundPaid()));
        row(t, c, "insurance fund end", r -> Show.money(r.summary().fundEnd()));
        row(t, c, "bad debt", r -> Show.money(r.summary().badDebt()));
        row(t, c, "ADL closes", r -> String.valueOf(r.summary().adlCount()));
        row(t, c, "ADL notional", r -> Show.money(r.summary().adlNotional()));
        row(t, c, "ADL haircut", r -> Show.money(r.summary().adlHaircut()));
        row(t, c, "ADL overshoot", r -> Show.money(r.summary().adlOvershoot()));
        row(t, c, "socialised loss", r -> Show.money(r.summary().socialized()));
        row(t, c, "largest haircut % equity", r -> Show.pct(r.summary().maxHaircutEquityShare()));
        row(t, c, "largest haircut % step profit", r -> RunText.profitShare(r.summary()));
        row(t, c, "accounts touched", r -> String.valueOf(r.summary().touchedAccounts()));
        StringBuilder b = new StringBuilder(t.toString());
        b.append("% step profit: the largest haircut over the account's profit before that step's haircuts, profits "
                + "of at least 1 % of equity (at most 100 %)")
                .append(c.runs().stream().anyMatch(r -> r.summary().profitShareIsOldMeasure())
                ? "; '(old measure)': a run stored before this definition, over its largest profit however "
                + "small\n" : "\n");
        b.append("\ninsurance fund path\n");
        for (int i = 0; i < c.runs().size(); i++)
            b.append("  run ").append(c.runs().get(i).id()).append(": ")
                    .append(RunText.fundPath(c.runs().get(i).summary(), c.steps().get(i))).append('\n');
        if (c.notice().isPresent()) return b.append("\nnotice: ").append(c.notice().get()).append('\n').toString();
        b.append("\naccounts whose outcome differs most (by haircut, then liquidated notional)\n");
        if (c.accounts().isEmpty()) return b.append("  none: every account was treated the same\n").toString();
        List<String> acols = new ArrayList<>(List.of("account", ">haircut spread"));
        for (StoredRun r : c.runs()) acols.add("run " + r.id());
        TextTable a = new TextTable(acols.toArray(String[]::new));
        for (RunReports.AccountAcrossRuns x : c.accounts()) {
            List<Object> row = new ArrayList<>(List.of(x.spread().accountId(), Show.money(x.spread().haircutSpread())));
            x.outcomes().forEach(o -> row.add(RunText.outcome(o)));
            a.row(row.toArray());
        }
        return b.append(a).toString();
    }

    @Command(command = "explain",
            description = "Explain what a run did to one account: each step that touched it, with the"
            + " rule id, the rule's sentence, fill price and amount.")
    public String explain(@Option(longNames = "run", required = true, description = "a run number, or last")
                          @OptionValues(provider = "runNames") String run,
                          @Option(longNames = "account", required = true, description = "the account id")
                          @OptionValues(provider = "runAccountIds") String account,
                          @Option(longNames = "limit", defaultValue = "50",
                                  description = "at most this many events (0: all)") int limit) {
        RunReports.Explanation e = reports.explain(run, account);
        StringBuilder b = new StringBuilder("account ").append(account).append(" in run ").append(e.run().id())
                .append(" (").append(e.run().label()).append(")\n");
        if (e.events().isEmpty())
            return b.append(
                    "the run did not touch this account: no liquidation, ADL or charge (its equity only followed the "
                    + "marks)\n").toString();
        e.outcome().ifPresent(o -> b.append(RunText.outcome(e.outcome())).append('\n'));
        TextTable t = new TextTable(">step", ">round", "event", "rule", "market", "side", ">size", ">fill price",
                ">amount", ">equity after", "why");
        List<RunEvent> shown = limit > 0 && e.events().size() > limit ? e.events().subList(0, limit) : e.events();
        for (RunEvent ev : shown) {
            boolean own = ev.accountId().equals(account);
            String what = ev.kind().name().toLowerCase().replace('_', ' ')
                    + (own ? (ev.counterpartyId() == null || ev.counterpartyId().startsWith("@") ? ""
                            : " vs " + ev.counterpartyId())
                           : " of " + ev.accountId() + " against this account");
            t.row(ev.step(), ev.round(), what, ev.ruleId(), ev.market(),
                    ev.side() == null ? "" : ev.side().toLowerCase(),
                    Show.num(ev.size()), Show.num(ev.price()), own ? Show.money(ev.amount()) : "",
                    own ? Show.money(ev.equityAfter()) : "", Show.scores(ev.reason()));
        }
        b.append(t);
        if (shown.size() < e.events().size())
            b.append("... ").append(e.events().size() - shown.size())
                    .append(e.events().size() - shown.size() == 1 ? " more event" : " more events")
                    .append("; --limit 0 for all\n");
        return b.toString();
    }

    @Command(command = "adl-queue", description = "Show a run's ranked ADL queue on a market, with each position's"
            + " indicator percentile and five lights by quintile (as BitMEX and Binance show them).")
    public String adlQueue(@Option(longNames = "run", required = true, description = "a run number, or last")
                           @OptionValues(provider = "runNames") String run,
                           @Option(longNames = "market", required = true, description = "the market")
                           @OptionValues(provider = "runMarkets") String market,
                           @Option(longNames = "account", description = "show where this account stood")
                           @OptionValues(provider = "runAccountIds") String account,
                           @Option(longNames = "step", description = "the step whose queue to show") Integer step,
                           @Option(longNames = "top", defaultValue = "20",
                                   description = "how many places to list") int top) {
        RunReports.QueueView q = reports.adlQueue(run, market, account, step, top);
        QueuePoint p = q.point();
        StringBuilder b = new StringBuilder("ADL queue of run ").append(q.run().id()).append(" (")
                .append(q.run().label())
                .append(") on ").append(p.market()).append(", step ").append(p.step()).append(" round ")
                .append(p.round())
                .append(", ").append(p.side().toLowerCase()).append(" side: ").append(p.length())
                .append(" positions, first closed first\n");
        TextTable t = new TextTable(">rank", "account", ">size", ">score", ">percentile", "lights", "rule");
        for (QueueEntry e : q.top())
            t.row(e.rank(), e.accountId() + (e.accountId().equals(account) ? " <" : ""), Show.num(e.size()),
                    Show.significant(e.score()), e.percentile(), Show.lights(e.lights()), e.ruleId());
        b.append(t);
        q.accountEntry()
                .ifPresent(e -> b.append("\n").append(e.accountId()).append(": rank ").append(e.rank()).append(" of ")
                .append(p.length()).append(", indicator percentile ").append(e.percentile()).append(", lights ")
                .append(Show.lights(e.lights())).append('\n'));
        if (!q.others().isEmpty()) {
            List<String> o = new ArrayList<>();
            for (QueuePoint x : q.others()) o.add("step " + x.step() + " round " + x.round() + " " + x.side()
                    .toLowerCase() + " (" + x.length() + ")");
            b.append("\nother queues on ").append(p.market()).append(": ").append(String.join("; ", o)).append('\n');
        }
        return b.toString();
    }

    private static void row(TextTable t, RunReports.Comparison c, String name, java.util.function.Function<StoredRun,
            String> f) {
        List<Object> row = new ArrayList<>(List.of(name));
        for (StoredRun r : c.runs()) row.add(f.apply(r));
        t.row(row.toArray());
    }
}

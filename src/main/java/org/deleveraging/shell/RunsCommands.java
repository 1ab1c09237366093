package org.deleveraging.shell;

import java.util.List;
import java.util.Map;

import org.deleveraging.input.InputException;
import org.deleveraging.policy.PolicyFile;
import org.deleveraging.run.RunLabels;
import org.deleveraging.run.StoredRun;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.run.RunReports;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code runs list|show|reproduce}: the stored runs and their provenance. */
@Command(command = "runs", group = "Runs")
public class RunsCommands {
    private final RunReports reports;
    private final AccountSetService sets;
    private final Interrupts interrupts;

    public RunsCommands(RunReports reports, AccountSetService sets, Interrupts interrupts) {
        this.reports = reports;
        this.sets = sets;
        this.interrupts = interrupts;
    }

    @Command(command = "list", description = "List the stored runs, newest first.")
    public String list() {
        TextTable t = new TextTable(">run", "policy", "accounts", "scenario", ">liquidations", ">ADL", ">bad debt",
                "started (UTC)");
        List<StoredRun> runs = reports.list();
        Map<Long, String> policies = RunLabels.policies(runs);
        for (StoredRun r : runs)
            t.row(r.id(), policies.get(r.id()), r.provenance().setName(), r.provenance().scenarioName(),
                    r.summary().liquidations(), r.summary().adlCount(), Show.money(r.summary().badDebt()),
                    r.provenance().startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", ""));
        return t.isEmpty() ? "no runs yet; try 'run --policy bitmex --accounts demo --scenario oct-10'\n"
                : t.toString();
    }

    @Command(command = "show",
            description = "Show a stored run: provenance (policy files and hash, account set and hash,"
            + " scenario, seed, engine version, timings), per-step metrics and the summary.")
    public String show(@Option(longNames = "run", required = true, description = "a run number, or last")
                       @OptionValues(provider = "runNames") String run) {
        RunReports.Detail d = reports.show(run);
        StoredRun r = d.run();
        var p = r.provenance();
        StringBuilder b = new StringBuilder(RunText.header(r));
        b.append("policy    ").append(p.policyId()).append(" v").append(p.policyVersion()).append(", hash ")
                .append(p.policyHash()).append('\n');
        for (PolicyFile f : d.policyFiles()) b.append("            ").append(f.path()).append('\n');
        b.append("accounts  ").append(p.setName()).append(", hash ").append(p.setHash())
                .append(p.setId() == null ? " (the set has since been deleted)" : "").append('\n');
        b.append("scenario  ").append(p.scenarioName()).append(", hash ").append(p.scenarioHash()).append(", seed ")
                .append(p.seed()).append('\n');
        b.append("engine    ").append(p.engineVersion()).append(", started ").append(p.startedAt()).append(", ")
                .append(RunText.timings(r));
        b.append("result    digest ").append(r.summary().resultDigest()).append('\n');
        b.append("rules fired ").append(r.summary().rulesFired().replace(";", ", ")).append("\n\n");
        return b.append(RunText.steps(d.steps())).append('\n').append(RunText.summary(r, d.steps())).toString();
    }

    @Command(command = "reproduce",
            description = "Run a stored run again from its stored policy files, scenario and seed over"
            + " its account set, and check that the result is identical.")
    public String reproduce(@Option(longNames = "run", required = true, description = "a run number, or last")
                            @OptionValues(provider = "runNames") String run) {
        StoredRun stored = reports.run(run);
        var p = stored.provenance();
        if (!sets.names().contains(p.setName()))
            throw new InputException("run " + stored.id() + " cannot be reproduced: its account set '" + p.setName()
                    + "' has been deleted;"
                    + " import the same accounts again as '" + p.setName() + "' (content hash "
                    + Show.shortHash(p.setHash()) + ") and run 'runs reproduce' again");
        RunReports.Reproduction rep;
        try (Interrupts.Command command = interrupts.begin()) {
            rep = reports.reproduce(run, sets, command.cancellation());
        }
        return (rep.exact()
                ? "run " + rep.run().id() + " reproduced exactly: result digest " + Show.shortHash(rep.digest())
                : "run " + rep.run().id() + " did NOT reproduce: stored digest " + Show.shortHash(rep.storedDigest())
                        + ", now " + Show.shortHash(rep.digest()) + " (has the engine changed? stored engine "
                        + rep.run().provenance().engineVersion() + ")") + "\n";
    }
}

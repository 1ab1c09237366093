package org.deleveraging.report;

import org.deleveraging.run.AccountProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.run.RunProvenance;

/**
 * Writes the report's data as CSV for a notebook or a spreadsheet: per run, a folder {@code run-<id>/} with its
 * provenance, metrics, steps, accounts, haircut distributions and every ADL queue it ranked; with several runs, the
 * metrics side by side and the accounts that differ most, at the top of the folder.
 */
public final class CsvExport {
    private final RunTables tables;

    public CsvExport(RunTables tables) { this.tables = tables; }

    /** Writes into {@code dir} (created if needed) and returns the files written, in order. */
    public List<Path> write(Report report, Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (RunReport r : report.runs()) {
                Path runDir = Files.createDirectories(dir.resolve("run-" + r.run().id()));
                files.add(provenance(r, runDir.resolve("provenance.csv")));
                files.add(metrics(List.of(r), runDir.resolve("metrics.csv")));
                files.add(steps(r, report.markets(), runDir.resolve("steps.csv")));
                files.add(accounts(r, runDir.resolve("accounts.csv")));
                if (!r.profiles().isEmpty()) {
                    files.add(buckets(r.byLeverage(), "leverage band", runDir.resolve("haircut-by-leverage.csv")));
                    files.add(buckets(r.byProfitDecile(), "profit decile",
                            runDir.resolve("haircut-by-profit-decile.csv")));
                }
                files.add(queues(r, runDir.resolve("adl-queues.csv")));
            }
            if (report.runs().size() > 1) {
                files.add(metrics(report.runs(), dir.resolve("metrics.csv")));
                // over different account sets an id names unrelated traders: no per-account comparison is written
                if (report.differingNotice().isEmpty())
                    files.add(differing(report, dir.resolve("differing-accounts.csv")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export to " + dir, e);
        }
        return files;
    }

    private static Path provenance(RunReport r, Path file) {
        RunProvenance p = r.run().provenance();
        try (Csv csv = new Csv(file, "field", "value")) {
            csv.row("run", r.run().id());
            csv.row("policy", p.policyId());
            csv.row("policy version", p.policyVersion());
            csv.row("policy hash", p.policyHash());
            csv.row("account set", p.setName());
            csv.row("account set hash", p.setHash());
            csv.row("scenario", p.scenarioName());
            csv.row("scenario hash", p.scenarioHash());
            csv.row("seed", p.seed());
            csv.row("engine version", p.engineVersion());
            csv.row("started at", p.startedAt());
            csv.row("result digest", r.run().summary().resultDigest());
            r.note().ifPresent(n -> csv.row("note", n));
        }
        return file;
    }

    private static Path metrics(List<RunReport> runs, Path file) {
        List<String> header = new ArrayList<>(List.of("metric", "label"));
        runs.forEach(r -> header.add("run " + r.run().id()));
        try (Csv csv = new Csv(file, header.toArray(String[]::new))) {
            for (Metric m : Metric.ALL) {
                List<Object> row = new ArrayList<>(List.of(m.key(), m.label().strip()));
                runs.forEach(r -> row.add(m.exact(r.metrics())));
                csv.row(row);
            }
        }
        return file;
    }

    private static Path steps(RunReport r, List<String> markets, Path file) {
        List<String> header = new ArrayList<>(List.of("step"));
        markets.forEach(m -> header.add("mark " + m));
        header.addAll(List.of("rounds", "round cap hit", "liquidations", "liquidation notional", "shortfall",
                "fund balance", "fund paid", "backstop equity", "adl count", "adl notional", "adl haircut",
                "adl covered", "adl overshoot", "adl profit closed", "socialized", "bad debt"));
        try (Csv csv = new Csv(file, header.toArray(String[]::new))) {
            for (StepMetrics s : r.steps()) {
                List<Object> row = new ArrayList<>(List.of(s.step()));
                markets.forEach(m -> row.add(s.marks().get(m)));
                row.addAll(List.of(s.rounds(), s.roundCapHit(), s.liquidations(), s.liquidationNotional(),
                        s.shortfall(), s.fundBalance(), s.fundPaid(), s.backstopEquity(), s.adlCount(),
                        s.adlNotional(), s.adlHaircut(), s.adlCovered(), s.adlOvershoot(), s.adlProfitClosed(),
                        s.socialized(), s.badDebt()));
                csv.row(row);
            }
        }
        return file;
    }

    /** Every account of the set (or, without the set, every account the run touched), with how it entered and left. */
    private static Path accounts(RunReport r, Path file) {
        Map<String, Integer> deciles = HaircutDistribution.profitDeciles(r.profiles());
        try (Csv csv = new Csv(file, "account", "leverage band", "leverage at start", "equity at start marks",
                "profit at stress marks", "profit decile", "touched", "equity start", "equity end",
                "liquidated notional", "adl size", "haircut", "equity before haircut",
                "largest profit before a haircut", "bad debt", "events")) {
            if (r.profiles().isEmpty()) {
                r.outcomes().values().forEach(o ->
                        csv.row(outcomeRow(o.accountId(), null, null, null, null, null, Optional.of(o))));
            } else {
                for (AccountProfile p : r.profiles())
                    csv.row(outcomeRow(p.accountId(), HaircutDistribution.leverageBand(p), p.leverage(), p.equity(),
                            p.profit(), deciles.get(p.accountId()),
                            Optional.ofNullable(r.outcomes().get(p.accountId()))));
            }
        }
        return file;
    }

    private static List<Object> outcomeRow(String id, String band, BigDecimal leverage, BigDecimal equity,
                                           BigDecimal profit, Integer decile, Optional<AccountOutcome> o) {
        List<Object> row = new ArrayList<>(
                java.util.Arrays.asList(id, band, leverage, equity, profit, decile, o.isPresent()));
        if (o.isEmpty()) {
            for (int i = 0; i < 9; i++) row.add(null);
            return row;
        }
        AccountOutcome x = o.get();
        row.addAll(List.of(x.equityStart(), x.equityEnd(), x.liquidatedNotional(), x.adlSize(), x.haircut(),
                x.equityBeforeHaircut(), x.profitBeforeHaircut(), x.badDebt(), x.events()));
        return row;
    }

    private static Path buckets(List<Bucket> buckets, String what, Path file) {
        try (Csv csv = new Csv(file, what, "accounts", "accounts haircut", "haircut")) {
            for (Bucket b : buckets) csv.row(b.label(), b.accounts(), b.haircutAccounts(), b.haircut());
        }
        return file;
    }

    private Path queues(RunReport r, Path file) {
        try (Csv csv = new Csv(file, "market", "step", "round", "side", "rank", "account", "size", "score",
                "percentile", "lights", "rule")) {
            tables.queueEntries(r.run().id(), e -> csv.row(e.market(), e.step(), e.round(), e.side(), e.rank(),
                    e.accountId(), e.size(), e.score(), e.percentile(), e.lights(), e.ruleId()));
        }
        return file;
    }

    private static Path differing(Report report, Path file) {
        List<String> header = new ArrayList<>(List.of("account", "haircut spread", "liquidation spread"));
        for (RunReport r : report.runs()) {
            header.add("run " + r.run().id() + " haircut");
            header.add("run " + r.run().id() + " liquidated notional");
        }
        try (Csv csv = new Csv(file, header.toArray(String[]::new))) {
            for (DifferingAccount a : report.differing()) {
                List<Object> row = new ArrayList<>(List.of(a.spread().accountId(), a.spread().haircutSpread(),
                        a.spread().liquidationSpread()));
                for (Optional<AccountOutcome> o : a.outcomes()) {
                    row.add(o.map(AccountOutcome::haircut).orElse(BigDecimal.ZERO));
                    row.add(o.map(AccountOutcome::liquidatedNotional).orElse(BigDecimal.ZERO));
                }
                csv.row(row);
            }
        }
        return file;
    }
}

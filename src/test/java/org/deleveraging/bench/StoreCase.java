package org.deleveraging.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.run.StoredRun;
import org.deleveraging.store.TempStore;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.deleveraging.scenario.ScenarioService;

/**
 * The store's share of a run, as a user meets it: import an account-set CSV of n positions into a file-mode H2
 * store (with a markets file for the book's depth), then {@code run} each policy end to end (load the set from H2,
 * the engine, store the run). The book and the scenario are the engine benchmark's ({@link BenchBook}), written out
 * as the files a user would import. Arguments: positions, policies (comma-separated, or "-" to import only): each
 * is run in turn in the same JVM, as a shell session would, so that a policy named twice gives the first run of a
 * session (the JIT still compiling the engine) and a later one.
 */
final class StoreCase {

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("bench-store");
        try (TempStore h2 = new TempStore(dir); HeapWatch heap = new HeapWatch()) {
            Path csv = dir.resolve("bench.csv");
            Path markets = dir.resolve("markets.yaml");
            Path scenario = dir.resolve("scenario.yaml");
            // the book lives only while its files are written: a user's session holds the set it loads from H2, not a
            // second copy
            long positions = writeFiles(BenchBook.of(Integer.parseInt(args[0])), csv, markets, scenario);
            System.out.printf(Locale.ROOT, "files: %s of %,d bytes for %,d positions%n", csv.getFileName(),
                    Files.size(csv), positions);

            AccountSetService sets = new AccountSetService(h2.store);
            Stopwatch.Timed<?> imported;
            try (Sampler where = new Sampler(Thread.currentThread(), 10)) {
                imported = Stopwatch.time(() -> sets.importFile(csv, "bench", markets, StoreProgress.NONE));
                where.shares(0.02).forEach((place, share) ->
                        System.out.printf(Locale.ROOT, "PROFILE import %s=%.3f%n", place.replace(' ', '_'), share));
            }
            System.out.printf(Locale.ROOT, "RESULT kind=import positions=%d %s%n", positions, imported.fields());

            ScenarioService scenarios = new ScenarioService(h2.store, java.time.Clock.systemUTC());
            String scenarioName = scenarios.importFile(scenario).name();
            // "-" (or nothing): import only
            String[] policies = args.length < 2 || args[1].equals("-") ? new String[0] : args[1].split(",");
            // one registry for all the runs, as one session has: a policy is compiled once, not again before each run
            PolicyRegistry registry = policies.length == 0 ? null
                    : new PolicyRegistry(Policies.ROOT.resolve("policies"), Policies.ROOT.resolve("rules"),
                            policies[0]);
            RunService runs = registry == null ? null
                    : new RunService(h2.store, registry, sets, scenarios, java.time.Clock.systemUTC(), "bench");
            for (int nth = 1; nth <= policies.length; nth++) {
                String policy = policies[nth - 1];
                String who = "run-" + policy + "-" + nth;
                Stopwatch.Timed<StoredRun> run;
                try (Sampler where = new Sampler(Thread.currentThread(), 10)) {
                    run = Stopwatch.time(() -> runs.run(policy, "bench", scenarioName, null, RunProgress.NONE));
                    where.shares(0.02).forEach((place, share) -> System.out.printf(Locale.ROOT, "PROFILE %s %s=%.3f%n",
                            who, place.replace(' ', '_'), share));
                }
                System.out.printf(Locale.ROOT,
                        "RESULT kind=run policy=%s nth=%d positions=%d %s load=%d engine=%d peakMb=%d%n",
                        policy, nth, positions, run.fields(), run.value().summary().loadMillis(),
                        run.value().summary().engineMillis(), heap.peakLiveMb());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long writeFiles(BenchBook book, Path csv, Path markets, Path scenario) throws IOException {
        writeCsv(book, csv);
        writeMarkets(book, markets);
        writeScenario(book, scenario);
        return book.positions();
    }

    /** One row per position, in the importer's columns. */
    private static Path writeCsv(BenchBook book, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("account,mode,wallet,market,side,size,entry,margin\n");
            for (Account a : book.accounts().accounts()) {
                String head = a.id() + "," + a.mode().name().toLowerCase(Locale.ROOT) + "," + a.walletBalance()
                        .toPlainString() + ",";
                for (Position p : a.positions())
                    w.write(head + p.market() + "," + p.side().name().toLowerCase(Locale.ROOT) + "," + p.size()
                            .toPlainString()
                            + "," + p.entryPrice().toPlainString() + ","
                            + (p.isolatedMargin().signum() == 0 ? "" : p.isolatedMargin().toPlainString()) + "\n");
            }
        }
        return file;
    }

    /** The book's markets with their grown depth, at the demo's start marks. */
    private static Path writeMarkets(BenchBook book, Path file) throws IOException {
        Map<String, BigDecimal> marks = DemoData.startMarks();
        StringBuilder y = new StringBuilder("markets:\n");
        for (Market m : book.accounts().markets().values())
            y.append(String.format(Locale.ROOT,
                    "  %s: { type: %s, asset: %s, tick: %s, lot: %s, depth: %s, impact: %s, mark: %s }%n",
                    m.symbol(), m.type().name().toLowerCase(Locale.ROOT), m.settlementAsset(),
                    m.tickSize().toPlainString(), m.lotSize().toPlainString(), m.liquidity().bidDepth().toPlainString(),
                    m.liquidity().permanentImpact().toPlainString(), marks.get(m.symbol()).toPlainString()));
        return Files.writeString(file, y);
    }

    /** The shipped oct-10 scenario under another name, its funds and vault grown with the book. */
    private static Path writeScenario(BenchBook book, Path file) throws IOException {
        StringBuilder y = new StringBuilder();
        for (String line : ScenarioCatalog.text("oct-10").split("\n")) {
            if (line.startsWith("name:")) line = "name: " + BookFiles.SCENARIO;
            else if (line.startsWith("insuranceFunds:")) line = "insuranceFunds: "
                    + flow(book.scenario().insuranceFunds());
            else if (line.startsWith("backstopCapital:")) line = "backstopCapital: "
                    + flow(book.scenario().backstopCapital());
            y.append(line).append('\n');
        }
        return Files.writeString(file, y);
    }

    private static String flow(Map<String, BigDecimal> m) {
        StringBuilder b = new StringBuilder("{ ");
        m.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append(": ")
                .append(v.setScale(0, RoundingMode.DOWN).toPlainString()));
        return b.append(" }").toString();
    }
}

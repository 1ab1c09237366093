package org.deleveraging.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.deleveraging.domain.Money;
import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.policy.Policy;
import org.deleveraging.run.QueuePoint;
import org.deleveraging.run.RunProvenance;
import org.deleveraging.run.RunSummary;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.store.TempStore;

/**
 * The store's own share of a 1M run, without waiting a minute for the engine each time: {@code prepare} runs the
 * engine once and keeps its result in a file (a plain binary dump, test code only); {@code time} stores that result
 * several times into a fresh file-mode H2 store, loads the account set back, and checks a sample of what it reads
 * back against what went in. Arguments: {@code prepare positions policy dumpFile} or
 * {@code time positions dumpFile reps} (dumpFile "-": the account set only; {@code -Dtiming.skipLoad=true}: no loads).
 * Not run by the benchmark; for example:
 * <pre>
 * java -Xmx6g -cp "$CP" -Dbench.root=. org.deleveraging.bench.StoreTiming prepare 1000000 bitmex /tmp/bitmex-1m.dump
 * java -Xmx2g -cp "$CP" -Dbench.root=. org.deleveraging.bench.StoreTiming time 1000000 /tmp/bitmex-1m.dump 3
 * </pre>
 */
final class StoreTiming {

    public static void main(String[] args) throws IOException {
        int positions = Integer.parseInt(args[1]);
        if (args[0].equals("prepare")) {
            prepare(positions, args[2], Path.of(args[3]));
        } else {
            time(positions, Path.of(args[2]), Integer.parseInt(args[3]));
        }
    }

    private static void prepare(int positions, String policyId, Path dump) throws IOException {
        BenchBook book = BenchBook.of(positions);
        Policy policy = Policies.load(policyId);
        long t0 = System.nanoTime();
        RunResult r = new Engine().run(policy.settings(), policy.newDecisions(), book.accounts(), book.scenario(),
                book.scenario().seed(), (d, t) -> {});
        System.out.printf(Locale.ROOT, "engine %.1f s: %,d events, %,d queue entries, %,d outcomes%n",
                (System.nanoTime() - t0) / 1e9, r.events().size(), r.queues().size(), r.outcomes().size());
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(dump), 1 << 16))) {
            write(out, r);
        }
        System.out.printf(Locale.ROOT, "kept %,d queue entries in %s%n", r.queues().size(), dump);
    }

    private static void time(int positions, Path dump, int reps) throws IOException {
        RunResult r = null;
        if (!dump.toString().equals("-"))  // "-": the account set only
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(Files.newInputStream(dump), 1 << 16))) {
                r = read(in);
            }
        RunResult result = r;
        BenchBook book = BenchBook.of(positions);
        Policy policy = Policies.load("bitmex");
        Path dir = Files.createTempDirectory("store-timing");
        try (TempStore h2 = new TempStore(dir)) {
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            book.accounts().markets().keySet().forEach(m -> marks.put(m, BigDecimal.ONE));
            processCpu = OS.getProcessCpuTime();
            Stopwatch.Timed<?> saved =
                    Stopwatch.time(() -> h2.store.saveAccountSet(book.accounts(), marks, "bench", StoreProgress.NONE));
            report("saveAccountSet", saved);
            for (int i = 0; i < (Boolean.getBoolean("timing.skipLoad") ? 0 : reps); i++) {
                processCpu = OS.getProcessCpuTime();
                Stopwatch.Timed<StoredAccountSet> loaded =
                        Stopwatch.time(() -> h2.store.loadAccountSet(book.accounts().name()).orElseThrow());
                report("loadAccountSet", loaded);
                if (!loaded.value().set().accounts()
                        .equals(book.accounts().accounts())) throw new AssertionError("set differs");
            }
            RunSummary s = new RunSummary(1, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                    BigDecimal.ONE, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0, null, 0, null,
                    1, "", "d".repeat(64), 1, 1);
            RunProvenance p = new RunProvenance("bitmex", policy.version(), policy.hash(), null, "bench",
                    "f".repeat(64), "oct-10", "e".repeat(64), "name: x", 7, "bench", Instant.now());
            if (result == null) return;
            long id = 0;
            long[] lastProgress = {0};
            for (int i = 0; i < reps; i++) {
                processCpu = OS.getProcessCpuTime();
                Stopwatch.Timed<Long> run = Stopwatch.time(() ->
                        h2.store.saveRun(p, policy.files(), s, result, (d, t) -> lastProgress[0] = d));
                report("saveRun", run);
                id = run.value();
            }
            threadCpu();
            System.out.printf(Locale.ROOT, "progress ended at %,d; store folder %,d bytes%n", lastProgress[0],
                    size(dir));
            check(h2, id, r);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Reads back a sample of accounts, queues and steps and requires them equal to what was stored. */
    private static void check(TempStore h2, long id, RunResult r) {
        long t0 = System.nanoTime();
        if (!h2.store.runSteps(id)
                .equals(r.steps().stream().map(StoreTiming::clean).toList())) throw new AssertionError("steps differ");
        Map<String, List<RunEvent>> byAccount = new HashMap<>();
        for (RunEvent raw : r.events()) {
            RunEvent e = clean(raw);
            byAccount.computeIfAbsent(e.accountId(), k -> new ArrayList<>()).add(e);
            if (e.counterpartyId() != null && !e.counterpartyId().equals(e.accountId()))
                byAccount.computeIfAbsent(e.counterpartyId(), k -> new ArrayList<>()).add(e);
        }
        int checked = 0;
        Map<String, List<QueueEntry>> places = new HashMap<>();
        for (QueueEntry q : r.queues()) places.computeIfAbsent(q.accountId(), k -> new ArrayList<>()).add(q);
        List<AccountOutcome> touched = r.outcomes().stream().filter(AccountOutcome::touched).toList();
        for (int i = 0; i < touched.size(); i += Math.max(1, touched.size() / 500)) {
            AccountOutcome o = clean(touched.get(i));
            if (!h2.store.outcome(id, o.accountId())
                    .equals(java.util.Optional.of(o))) throw new AssertionError("outcome " + o);
            if (!h2.store.events(id, o.accountId()).equals(byAccount.getOrDefault(o.accountId(), List.of())))
                throw new AssertionError("events of " + o.accountId());
            for (String market : List.of("BTCUSDT", "ETHUSDT")) {
                List<QueueEntry> expected = new ArrayList<>();
                for (QueueEntry q : places.getOrDefault(o.accountId(), List.of())) if (q.market()
                        .equals(market)) expected.add(clean(q));
                expected.sort(Comparator.comparingInt(QueueEntry::step).thenComparingInt(QueueEntry::round)
                        .thenComparing(QueueEntry::side).thenComparingInt(QueueEntry::rank));
                if (!h2.store.queueEntries(id, market, o.accountId())
                        .equals(expected)) throw new AssertionError("places of " + o.accountId());
            }
            checked++;
        }
        Map<String, List<QueueEntry>> byPoint = new LinkedHashMap<>();
        for (QueueEntry raw : r.queues()) {
            QueueEntry q = clean(raw);
            byPoint.computeIfAbsent(q.market() + "|" + q.step() + "|" + q.round() + "|" + q.side(),
                    k -> new ArrayList<>()).add(q);
        }
        for (String market : r.queues().stream().map(QueueEntry::market).distinct().toList()) {
            for (QueuePoint point : h2.store.queuePoints(id, market)) {
                List<QueueEntry> expected =
                        byPoint.get(market + "|" + point.step() + "|" + point.round() + "|" + point.side());
                if (expected.size() != point.length()) throw new AssertionError("length of " + point);
                if (!h2.store.queue(id, point, 1, point.length())
                        .equals(expected)) throw new AssertionError("queue " + point);
                if (!h2.store.queue(id, point, 5, 9).equals(expected.subList(4, Math.min(9, expected.size()))))
                    throw new AssertionError("range of " + point);
            }
        }
        System.out.printf(Locale.ROOT, "read back %d accounts and every queue exactly in %.1f s%n", checked,
                (System.nanoTime() - t0) / 1e9);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static long processCpu = OS.getProcessCpuTime();

    /** Thread CPU is the calling thread's; process CPU adds H2's background page writer, GC and any helper thread. */
    private static void report(String what, Stopwatch.Timed<?> t) {
        long now = OS.getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%-15s wall %6.2f s  cpu %6.2f s  process cpu %6.2f s  gc %5d ms  load %s%n",
                what, t.wallNanos() / 1e9, t.cpuNanos() / 1e9, (now - processCpu) / 1e9, t.gcMillis(), loadAverage());
        processCpu = OS.getProcessCpuTime();
    }

    /** CPU seconds per native thread of this process, from /proc: GC and H2's background threads included. */
    private static void threadCpu() throws IOException {
        Map<String, Double> byName = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String stat = Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
            }
        }
        byName.entrySet().stream().filter(e -> e.getValue() >= 0.5).forEach(e ->
                System.out.printf(Locale.ROOT, "  thread %-20s %6.1f s%n", e.getKey(), e.getValue()));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    // ---- the dump: what saveRun needs of a RunResult

    private static void write(DataOutputStream out, RunResult r) throws IOException {
        out.writeInt(r.steps().size());
        for (StepMetrics m : r.steps()) {
            out.writeInt(m.step());
            out.writeInt(m.marks().size());
            for (var e : m.marks().entrySet()) {
                out.writeUTF(e.getKey());
                dec(out, e.getValue());
            }
            out.writeInt(m.rounds());
            out.writeBoolean(m.roundCapHit());
            out.writeInt(m.liquidations());
            for (BigDecimal d : List.of(m.liquidationNotional(), m.shortfall(), m.fundBalance(), m.fundPaid(),
                    m.backstopEquity()))
                dec(out, d);
            out.writeInt(m.adlCount());
            for (BigDecimal d : List.of(m.adlNotional(), m.adlHaircut(), m.adlCovered(), m.adlProfitClosed(),
                    m.socialized(), m.badDebt()))
                dec(out, d);
        }
        out.writeInt(r.outcomes().size());
        for (AccountOutcome o : r.outcomes()) {
            str(out, o.accountId());
            for (BigDecimal d : List.of(o.equityStart(), o.equityEnd(), o.liquidatedNotional(), o.adlSize(),
                    o.haircut(), o.equityBeforeHaircut(), o.profitBeforeHaircut(), o.badDebt()))
                dec(out, d);
            out.writeInt(o.events());
        }
        out.writeInt(r.events().size());
        for (RunEvent e : r.events()) {
            out.writeInt(e.step());
            out.writeInt(e.round());
            out.writeByte(e.kind().ordinal());
            str(out, e.accountId());
            str(out, e.counterpartyId());
            str(out, e.market());
            str(out, e.side());
            dec(out, e.size());
            dec(out, e.price());
            dec(out, e.amount());
            dec(out, e.equityAfter());
            str(out, e.ruleId());
            str(out, e.reason());
        }
        out.writeInt(r.queues().size());
        for (QueueEntry q : r.queues()) {
            out.writeInt(q.step());
            out.writeInt(q.round());
            str(out, q.market());
            str(out, q.side());
            out.writeInt(q.rank());
            str(out, q.accountId());
            dec(out, q.size());
            out.writeDouble(q.score());
            out.writeInt(q.percentile());
            str(out, q.ruleId());
        }
    }

    private static RunResult read(DataInputStream in) throws IOException {
        Map<String, String> names = new HashMap<>();
        List<StepMetrics> steps = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            int step = in.readInt();
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            for (int k = in.readInt(); k > 0; k--) marks.put(in.readUTF(), dec(in));
            int rounds = in.readInt();
            boolean cap = in.readBoolean();
            int liq = in.readInt();
            BigDecimal a = dec(in), b = dec(in), c = dec(in), d = dec(in), e = dec(in);
            int adl = in.readInt();
            steps.add(new StepMetrics(step, marks, rounds, cap, liq, a, b, c, d, e, adl, dec(in), dec(in), dec(in),
                    dec(in), dec(in), dec(in)));
        }
        List<AccountOutcome> outcomes = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--)
            outcomes.add(new AccountOutcome(str(in, names), dec(in), dec(in), dec(in), dec(in), dec(in), dec(in),
                    dec(in), dec(in), in.readInt()));
        List<RunEvent> events = new ArrayList<>();
        RunEvent.Kind[] kinds = RunEvent.Kind.values();
        for (int n = in.readInt(); n > 0; n--)
            events.add(new RunEvent(in.readInt(), in.readInt(), kinds[in.readByte()], str(in, names), str(in, names),
                    str(in, names), str(in, names), dec(in), dec(in), dec(in), dec(in), str(in, names), str(in, null)));
        List<QueueEntry> queues = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--)
            queues.add(new QueueEntry(in.readInt(), in.readInt(), str(in, names), str(in, names), in.readInt(),
                    str(in, names), dec(in), in.readDouble(), in.readInt(), str(in, names)));
        return new RunResult(events, steps, outcomes, queues, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static void dec(DataOutputStream out, BigDecimal d) throws IOException {
        if (d == null) {
            out.writeInt(Integer.MIN_VALUE);
            return;
        }
        out.writeInt(d.scale());
        byte[] b = d.unscaledValue().toByteArray();
        out.writeByte(b.length);
        out.write(b);
    }

    private static BigDecimal dec(DataInputStream in) throws IOException {
        int scale = in.readInt();
        if (scale == Integer.MIN_VALUE) return null;
        byte[] b = new byte[in.readUnsignedByte()];
        in.readFully(b);
        return new BigDecimal(new BigInteger(b), scale);
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String str(DataInputStream in, Map<String, String> intern) throws IOException {
        if (!in.readBoolean()) return null;
        String s = in.readUTF();
        return intern == null ? s : intern.computeIfAbsent(s, k -> k);
    }

    private static BigDecimal clean(BigDecimal d) { return d == null ? null : Money.clean(d); }

    // the store gives decimals back without trailing zeros (Money.clean), as it always has; compare in that form

    private static StepMetrics clean(StepMetrics m) {
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        m.marks().forEach((k, v) -> marks.put(k, clean(v)));
        return new StepMetrics(m.step(), marks, m.rounds(), m.roundCapHit(), m.liquidations(),
                clean(m.liquidationNotional()),
                clean(m.shortfall()), clean(m.fundBalance()), clean(m.fundPaid()), clean(m.backstopEquity()),
                m.adlCount(),
                clean(m.adlNotional()), clean(m.adlHaircut()), clean(m.adlCovered()), clean(m.adlProfitClosed()),
                clean(m.socialized()), clean(m.badDebt()));
    }

    private static RunEvent clean(RunEvent e) {
        return new RunEvent(e.step(), e.round(), e.kind(), e.accountId(), e.counterpartyId(), e.market(), e.side(),
                clean(e.size()), clean(e.price()), clean(e.amount()), clean(e.equityAfter()), e.ruleId(), e.reason());
    }

    private static AccountOutcome clean(AccountOutcome o) {
        return new AccountOutcome(o.accountId(), clean(o.equityStart()), clean(o.equityEnd()),
                clean(o.liquidatedNotional()),
                clean(o.adlSize()), clean(o.haircut()), clean(o.equityBeforeHaircut()), clean(o.profitBeforeHaircut()),
                clean(o.badDebt()), o.events());
    }

    private static QueueEntry clean(QueueEntry q) {
        return new QueueEntry(q.step(), q.round(), q.market(), q.side(), q.rank(), q.accountId(), clean(q.size()),
                q.score(), q.percentile(), q.ruleId());
    }
}

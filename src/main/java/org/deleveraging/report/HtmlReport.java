package org.deleveraging.report;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;

/**
 * Writes a {@link Report} as one self-contained HTML page: the provenance and the metrics as plain HTML tables (they
 * read and print without JavaScript), chart containers that the page's script fills from the embedded JSON, ECharts
 * inlined. Nothing on the page refers to another file or address.
 */
public final class HtmlReport {
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    public static String render(Report report) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", title(report));
        v.put("css", Template.resource("report/report.css"));
        v.put("generated", WHEN.format(report.generatedAt()));
        v.put("runIds", report.runs().stream().map(r -> r.run().id()).toList());
        v.put("provenance", provenance(report));
        v.put("metrics", metrics(report));
        v.put("notes", report.runs().stream().flatMap(r -> r.note().stream()).toList());
        v.put("markets", report.markets());
        v.put("distribution", report.runs().stream().anyMatch(r -> !r.profiles().isEmpty()));
        v.put("queueMarket", report.queueMarket().stream().toList());
        v.put("queues", queues(report));
        differing(report, v);
        Echarts.Bundle echarts = Echarts.bundle();
        v.put("echartsVersion", echarts.version());
        v.put("echarts", echarts.script());
        v.put("data", ChartData.json(report));
        v.put("script", Template.resource("report/report.js"));
        v.put("pageErrors", Template.resource("report/page-errors.js"));
        return Template.fill(Template.resource("report/report.html"), v);
    }

    /** "bitmex vs capped-pro-rata on oct-10 (demo)". */
    static String title(Report report) {
        List<RunReport> runs = report.runs();
        String policies = String.join(" vs ",
                runs.stream().map(r -> r.run().provenance().policyId()).distinct().toList());
        String scenarios = String.join(", ",
                runs.stream().map(r -> r.run().provenance().scenarioName()).distinct().toList());
        String sets = String.join(", ", runs.stream().map(r -> r.run().provenance().setName()).distinct().toList());
        return "Deleveraging policies compared: " + policies + " on " + scenarios + " (account set " + sets + ")";
    }

    private static List<Map<String, Object>> provenance(Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        row(rows, report, "policy", RunReport::policy, "");
        row(rows, report, "policy version", r -> String.valueOf(r.run().provenance().policyVersion()), "num");
        row(rows, report, "policy file hash", r -> r.run().provenance().policyHash(), "hash");
        row(rows, report, "account set", r -> r.run().provenance().setName() + " (" + r.run().summary().accounts()
                + " accounts, " + r.run().summary().positions() + " positions)", "");
        row(rows, report, "account set hash", r -> r.run().provenance().setHash(), "hash");
        row(rows, report, "scenario", r -> r.run().provenance().scenarioName(), "");
        row(rows, report, "scenario hash", r -> r.run().provenance().scenarioHash(), "hash");
        row(rows, report, "seed", r -> String.valueOf(r.run().provenance().seed()), "num");
        row(rows, report, "engine version", r -> r.run().provenance().engineVersion(), "");
        row(rows, report, "run date", r -> WHEN.format(r.run().provenance().startedAt()), "");
        row(rows, report, "result digest", r -> r.run().summary().resultDigest(), "hash");
        return rows;
    }

    /** A provenance row; {@code kind} is "num" for a number, "hash" for a hash shown as code, or "". */
    private static void row(List<Map<String, Object>> rows, Report report, String label,
                            Function<RunReport, String> cell, String kind) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (RunReport r : report.runs())
            cells.add(Map.of("text", String.valueOf(cell.apply(r)), "num", kind.equals("num"),
                    "hash", kind.equals("hash")));
        rows.add(Map.of("label", label, "cells", cells));
    }

    private static List<Map<String, Object>> metrics(Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metric m : Metric.ALL) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (RunReport r : report.runs())
                cells.add(Map.of("text", m.shown(r.metrics()), "num", m.format() != Metric.Format.TEXT));
            rows.add(Map.of("key", m.key(), "detail", m.detail(), "question", m.question(), "label", m.label(),
                    "cells", cells));
        }
        return rows;
    }

    private static List<Map<String, Object>> queues(Report report) {
        if (report.queueMarket().isEmpty()) return List.of();
        String market = report.queueMarket().get();
        List<Map<String, Object>> out = new ArrayList<>();
        List<RunReport> runs = report.runs();
        for (int i = 0; i < runs.size(); i++) {
            RunReport r = runs.get(i);
            Map<String, Object> q = new HashMap<>();
            q.put("label", r.label());
            q.put("runId", r.run().id());
            q.put("market", market);
            q.put("policy", r.run().provenance().policyId());
            q.put("unranked", r.queue().isEmpty());
            int index = i;
            q.put("ranked", r.queue().map(s -> List.of(ranked(index, s))).orElse(List.of()));
            out.add(q);
        }
        return out;
    }

    private static Map<String, Object> ranked(int index, QueueSnapshot q) {
        Map<String, Object> out = new HashMap<>();
        out.put("index", index);
        boolean cut = q.entries().size() < q.point().length();
        out.put("cut", cut ? List.of(Map.of("shown", q.entries().size(), "places", q.point().length())) : List.of());
        out.put("lights", lights(q));
        return out;
    }

    /** Positions, contracts and accounts ADL closed, per number of lights: the quintiles of the indicator. */
    private static List<Map<String, Object>> lights(QueueSnapshot q) {
        Map<Integer, int[]> counts = new TreeMap<>(java.util.Comparator.reverseOrder());
        Map<Integer, BigDecimal> sizes = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (int l = 5; l >= 1; l--) {
            counts.put(l, new int[2]);
            sizes.put(l, BigDecimal.ZERO);
        }
        for (QueueEntry e : q.entries()) {
            int l = Math.max(1, Math.min(5, e.lights()));
            counts.get(l)[0]++;
            if (q.deleveraged().contains(e.accountId())) counts.get(l)[1]++;
            sizes.merge(l, e.size(), BigDecimal::add);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((l, c) -> rows.add(Map.of("name", l + (l == 1 ? " light" : " lights"), "positions", c[0],
                "contracts", Numbers.plain(sizes.get(l)), "closed", c[1])));
        return rows;
    }

    /** The comparison of accounts: a note why there is none, or the accounts whose outcome differs most. */
    private static void differing(Report report, Map<String, Object> v) {
        boolean one = report.runs().size() < 2;
        Optional<String> notice = one ? Optional.empty() : report.differingNotice();
        boolean compared = !one && notice.isEmpty();
        v.put("oneRun", one);
        v.put("differingNotice", notice.stream().toList());
        v.put("sameTreatment", compared && report.differing().isEmpty());
        if (!compared || report.differing().isEmpty()) {
            v.put("differing", List.of());
            return;
        }
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (DifferingAccount a : report.differing())
            accounts.add(Map.of("id", a.spread().accountId(),
                    "haircutSpread", Numbers.money(a.spread().haircutSpread()),
                    "liquidationSpread", Numbers.money(a.spread().liquidationSpread()),
                    "outcomes", a.outcomes().stream().map(HtmlReport::outcome).toList()));
        v.put("differing", List.of(Map.of("runLabels", report.runs().stream().map(RunReport::label).toList(),
                "accounts", accounts)));
    }

    static String outcome(Optional<AccountOutcome> o) {
        if (o.isEmpty()) return "untouched";
        AccountOutcome x = o.get();
        return "haircut " + Numbers.money(x.haircut()) + ", liquidated " + Numbers.money(x.liquidatedNotional())
                + ", equity " + Numbers.money(x.equityStart()) + " to " + Numbers.money(x.equityEnd());
    }
}

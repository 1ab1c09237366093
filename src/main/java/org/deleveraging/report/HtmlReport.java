package org.deleveraging.report;

import static org.deleveraging.report.Html.esc;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
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
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    public static String render(Report report) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", esc(title(report)));
        v.put("css", Template.resource("report/report.css"));
        v.put("generated", esc(WHEN.format(report.generatedAt())));
        v.put("header", header(report));
        v.put("metrics", metrics(report));
        v.put("notes", notes(report));
        v.put("markCharts", markCharts(report));
        v.put("distribution", distribution(report));
        v.put("queueTitle", report.queueMarket().map(m -> " on " + esc(m)).orElse(""));
        v.put("queue", queue(report));
        v.put("differing", differing(report));
        Echarts.Bundle echarts = Echarts.bundle();
        v.put("echartsVersion", esc(echarts.version()));
        v.put("echarts", echarts.script());
        v.put("data", ChartData.json(report));
        v.put("script", Template.resource("report/report.js"));
        return Template.fill(Template.resource("report/report.html"), v);
    }

    /** "bitmex vs capped-pro-rata on oct-10 (demo)". */
    static String title(Report report) {
        List<RunReport> runs = report.runs();
        String policies = String.join(" vs ", runs.stream().map(r -> r.run().provenance().policyId()).distinct().toList());
        String scenarios = String.join(", ", runs.stream().map(r -> r.run().provenance().scenarioName()).distinct().toList());
        String sets = String.join(", ", runs.stream().map(r -> r.run().provenance().setName()).distinct().toList());
        return "Deleveraging policies compared: " + policies + " on " + scenarios + " (account set " + sets + ")";
    }

    private static String header(Report report) {
        StringBuilder b = table(report, "provenance-table");
        row(b, report, "policy", r -> esc(r.policy()), "");
        row(b, report, "policy version", r -> esc(r.run().provenance().policyVersion()), "num");
        row(b, report, "policy file hash", r -> hash(r.run().provenance().policyHash()), "");
        row(b, report, "account set", r -> esc(r.run().provenance().setName() + " (" + r.run().summary().accounts()
                + " accounts, " + r.run().summary().positions() + " positions)"), "");
        row(b, report, "account set hash", r -> hash(r.run().provenance().setHash()), "");
        row(b, report, "scenario", r -> esc(r.run().provenance().scenarioName()), "");
        row(b, report, "scenario hash", r -> hash(r.run().provenance().scenarioHash()), "");
        row(b, report, "seed", r -> esc(r.run().provenance().seed()), "num");
        row(b, report, "engine version", r -> esc(r.run().provenance().engineVersion()), "");
        row(b, report, "run date", r -> esc(WHEN.format(r.run().provenance().startedAt())), "");
        row(b, report, "result digest", r -> hash(r.run().summary().resultDigest()), "");
        return b.append("</tbody></table>\n").toString();
    }

    private static String metrics(Report report) {
        StringBuilder b = table(report, "metrics-table");
        for (Metric m : Metric.ALL) {
            b.append("<tr data-metric=\"").append(m.key()).append("\"><th").append(m.detail() ? " class=\"detail\"" : "")
                    .append(" title=\"").append(esc(m.question())).append("\">")
                    .append(esc(m.label())).append("</th>");
            for (RunReport r : report.runs())
                b.append("<td class=\"").append(m.format() == Metric.Format.TEXT ? "" : "num").append("\">")
                        .append(esc(m.shown(r.metrics()))).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }

    private static String notes(Report report) {
        StringBuilder b = new StringBuilder();
        for (RunReport r : report.runs()) r.note().ifPresent(n -> b.append("<p class=\"note\">").append(esc(n)).append("</p>\n"));
        return b.toString();
    }

    private static String markCharts(Report report) {
        StringBuilder b = new StringBuilder();
        for (String m : report.markets())
            b.append("<div class=\"chart\" id=\"chart-marks-").append(esc(m)).append("\" data-chart=\"marks\" data-market=\"")
                    .append(esc(m)).append("\"></div>\n");
        return b.toString();
    }

    private static String distribution(Report report) {
        if (report.runs().stream().allMatch(r -> r.profiles().isEmpty()))
            return "<p class=\"note\">No distribution: none of the runs' account sets is still stored as the run used it.</p>\n";
        return """
                <div class="grid">
                <div class="chart" id="chart-leverage" data-chart="leverage"></div>
                <div class="chart" id="chart-profit" data-chart="profit"></div>
                </div>
                """;
    }

    private static String queue(Report report) {
        if (report.queueMarket().isEmpty())
            return "<p class=\"note\">None of the runs ranked an ADL queue: ADL never ran, or the policies do not rank.</p>\n";
        String market = report.queueMarket().get();
        StringBuilder b = new StringBuilder();
        List<RunReport> runs = report.runs();
        for (int i = 0; i < runs.size(); i++) {
            RunReport r = runs.get(i);
            b.append("<h3>").append(esc(r.label())).append("</h3>\n");
            if (r.queue().isEmpty()) {
                b.append("<p class=\"note\">Run ").append(r.run().id()).append(" ranked no ADL queue on ").append(esc(market))
                        .append(": ADL never reached this market, or policy ").append(esc(r.run().provenance().policyId()))
                        .append(" does not rank positions.</p>\n");
                continue;
            }
            QueueSnapshot q = r.queue().get();
            b.append("<div class=\"chart\" id=\"chart-queue-").append(r.run().id()).append("\" data-chart=\"queue\" data-run=\"")
                    .append(i).append("\"></div>\n");
            if (q.entries().size() < q.point().length())
                b.append("<p class=\"answers\">The chart shows the first ").append(q.entries().size()).append(" of ")
                        .append(q.point().length()).append(" places.</p>\n");
            b.append(lights(r.run().id(), q));
        }
        return b.toString();
    }

    /** Positions, contracts and accounts ADL closed, per number of lights: the quintiles of the indicator. */
    private static String lights(long runId, QueueSnapshot q) {
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
        StringBuilder b = new StringBuilder("<table class=\"lights-table\" data-run=\"").append(runId)
                .append("\"><thead><tr><th>indicator</th><th>positions</th><th>contracts</th><th>closed by ADL at this step</th></tr></thead><tbody>\n");
        counts.forEach((l, c) -> b.append("<tr><th>").append(l).append(l == 1 ? " light" : " lights").append("</th><td class=\"num\">")
                .append(c[0]).append("</td><td class=\"num\">").append(esc(Numbers.plain(sizes.get(l)))).append("</td><td class=\"num\">")
                .append(c[1]).append("</td></tr>\n"));
        return b.append("</tbody></table>\n").toString();
    }

    private static String differing(Report report) {
        if (report.runs().size() < 2) return "<p class=\"note\">One run: nothing to compare.</p>\n";
        if (report.differingNotice().isPresent())
            return "<p class=\"note\" id=\"differing-notice\">Not compared account by account: "
                    + esc(report.differingNotice().get()) + ".</p>\n";
        if (report.differing().isEmpty()) return "<p class=\"note\">Every account was treated the same by these runs.</p>\n";
        StringBuilder b = new StringBuilder("<div class=\"chart tall\" id=\"chart-differing\" data-chart=\"differing\"></div>\n");
        b.append("<table id=\"differing-table\"><thead><tr><th>account</th><th>haircut spread</th><th>liquidation spread</th>");
        for (RunReport r : report.runs()) b.append("<th>").append(esc(r.label())).append("</th>");
        b.append("</tr></thead><tbody>\n");
        for (DifferingAccount a : report.differing()) {
            b.append("<tr><th>").append(esc(a.spread().accountId())).append("</th><td class=\"num\">")
                    .append(Numbers.money(a.spread().haircutSpread())).append("</td><td class=\"num\">")
                    .append(Numbers.money(a.spread().liquidationSpread())).append("</td>");
            for (Optional<AccountOutcome> o : a.outcomes()) b.append("<td>").append(esc(outcome(o))).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }

    static String outcome(Optional<AccountOutcome> o) {
        if (o.isEmpty()) return "untouched";
        AccountOutcome x = o.get();
        return "haircut " + Numbers.money(x.haircut()) + ", liquidated " + Numbers.money(x.liquidatedNotional())
                + ", equity " + Numbers.money(x.equityStart()) + " to " + Numbers.money(x.equityEnd());
    }

    private static StringBuilder table(Report report, String id) {
        StringBuilder b = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr><th></th>");
        for (RunReport r : report.runs()) b.append("<th>run ").append(r.run().id()).append("</th>");
        return b.append("</tr></thead><tbody>\n");
    }

    private static void row(StringBuilder b, Report report, String label, Function<RunReport, String> cell, String cls) {
        b.append("<tr><th>").append(esc(label)).append("</th>");
        for (RunReport r : report.runs())
            b.append("<td").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(">").append(cell.apply(r)).append("</td>");
        b.append("</tr>\n");
    }

    private static String hash(String h) { return "<code class=\"hash\">" + esc(h) + "</code>"; }
}

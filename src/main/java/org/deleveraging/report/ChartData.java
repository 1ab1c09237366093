package org.deleveraging.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.StepMetrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The data behind the report's charts, as the JSON the page's script draws from. Series are aligned on one step axis
 * (the union of the runs' steps; a run without a step has a gap there) so that runs compare point by point.
 */
final class ChartData {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ChartData() {}

    static Map<String, Object> of(Report report) {
        List<RunReport> runs = report.runs();
        List<Integer> steps = List.copyOf(new TreeSet<>(runs.stream()
                .flatMap(r -> r.steps().stream().map(StepMetrics::step)).toList()));
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> names = new ArrayList<>();
        for (RunReport r : runs) {
            Map<String, Object> name = new LinkedHashMap<>();
            name.put("id", r.run().id());
            name.put("label", r.label());
            names.add(name);
        }
        data.put("runs", names);
        data.put("steps", steps);
        Map<String, Object> marks = new LinkedHashMap<>();
        for (String m : report.markets()) marks.put(m, perStep(runs, steps, s -> s.marks().get(m)));
        data.put("marks", marks);
        data.put("fund", perStep(runs, steps, StepMetrics::fundBalance));
        data.put("liquidated", perStep(runs, steps, StepMetrics::liquidationNotional));
        data.put("adl", perStep(runs, steps, StepMetrics::adlNotional));
        data.put("leverage", buckets(runs, RunReport::byLeverage));
        data.put("profit", buckets(runs, RunReport::byProfitDecile));
        report.queueMarket().ifPresent(m -> data.put("queue", queue(m, runs)));
        if (!report.differing().isEmpty()) data.put("differing", differing(report.differing()));
        return data;
    }

    /**
     * The data as JSON that is safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only occur in
     * strings there, and are written as unicode escapes so that no account id can close the element.
     */
    static String json(Report report) {
        try {
            return JSON.writeValueAsString(of(report)).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's chart data", e);
        }
    }

    private static List<List<BigDecimal>> perStep(List<RunReport> runs, List<Integer> steps, Function<StepMetrics,
            BigDecimal> f) {
        List<List<BigDecimal>> out = new ArrayList<>();
        for (RunReport r : runs) {
            Map<Integer, StepMetrics> byStep = new LinkedHashMap<>();
            r.steps().forEach(s -> byStep.put(s.step(), s));
            List<BigDecimal> series = new ArrayList<>();
            for (int step : steps) series.add(byStep.containsKey(step) ? f.apply(byStep.get(step)) : null);
            out.add(series);
        }
        return out;
    }

    /**
     * Labels, then per run the haircut sum and the number of accounts haircut in each bucket (empty without the set).
     */
    private static Map<String, Object> buckets(List<RunReport> runs, Function<RunReport, List<Bucket>> f) {
        List<String> labels = runs.stream().map(f).filter(b -> !b.isEmpty()).findFirst()
                .map(b -> b.stream().map(Bucket::label).toList()).orElse(List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", labels);
        out.put("haircut", runs.stream().map(r -> f.apply(r).stream().map(Bucket::haircut).toList()).toList());
        out.put("hit", runs.stream().map(r -> f.apply(r).stream().map(Bucket::haircutAccounts).toList()).toList());
        out.put("accounts", runs.stream().map(r -> f.apply(r).stream().map(Bucket::accounts).toList()).toList());
        return out;
    }

    private static Map<String, Object> queue(String market, List<RunReport> runs) {
        List<Object> perRun = new ArrayList<>();
        for (RunReport r : runs) {
            Optional<QueueSnapshot> q = r.queue();
            if (q.isEmpty()) {
                perRun.add(null);
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("step", q.get().point().step());
            one.put("round", q.get().point().round());
            one.put("side", q.get().point().side());
            one.put("length", q.get().point().length());
            List<QueueEntry> es = q.get().entries();
            one.put("rank", es.stream().map(QueueEntry::rank).toList());
            one.put("account", es.stream().map(QueueEntry::accountId).toList());
            one.put("score", es.stream().map(QueueEntry::score).toList());
            one.put("percentile", es.stream().map(QueueEntry::percentile).toList());
            one.put("lights", es.stream().map(QueueEntry::lights).toList());
            one.put("size", es.stream().map(QueueEntry::size).toList());
            one.put("deleveraged", es.stream().map(e -> q.get().deleveraged().contains(e.accountId())).toList());
            perRun.add(one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("market", market);
        out.put("runs", perRun);
        return out;
    }

    private static Map<String, Object> differing(List<DifferingAccount> accounts) {
        int runs = accounts.get(0).outcomes().size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accounts", accounts.stream().map(a -> a.spread().accountId()).toList());
        List<List<BigDecimal>> haircut = new ArrayList<>();
        List<List<BigDecimal>> liquidated = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int run = i;
            haircut.add(accounts.stream()
                    .map(a -> a.outcomes().get(run).map(AccountOutcome::haircut).orElse(BigDecimal.ZERO)).toList());
            liquidated.add(accounts.stream().map(a -> a.outcomes().get(run).map(AccountOutcome::liquidatedNotional)
                    .orElse(BigDecimal.ZERO)).toList());
        }
        out.put("haircut", haircut);
        out.put("liquidated", liquidated);
        return out;
    }
}

package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deleveraging.support.InMemorySweeps;
import org.deleveraging.support.SweepPoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The frontier report of a fabricated sweep (3 policies x 2 variants x 2 severities x 3 fund scales) opened in
 * headless chromium, as {@link ReportInChromiumTest} opens the committee report: every chart drawn, no script error,
 * each axis named with its denominator, no label or title cut off, the hover naming the point, and the tables
 * following a change of axis. Skipped where chromium is not installed ({@code .ci/setup-chromium}).
 */
class SweepReportInChromiumTest {
    private static final Pattern RENDERED = Pattern.compile("<body[^>]*data-charts-rendered=\"(\\d+)\"");
    private static final Pattern ERRORS = Pattern.compile("(?s)<pre id=\"script-errors\"[^>]*>(.*?)</pre>");
    private static final Pattern PROBE = Pattern.compile("(?s)<pre id=\"(\\w+-probe)\">(.*?)</pre>");

    @TempDir Path folder;

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChromium.installed(), "skipped: " + HeadlessChromium.BINARY
                + " is not installed; run .ci/setup-chromium (Debian's chromium package) to check the sweep report "
                + "in a browser");
    }

    Path report(String name) {
        InMemorySweeps store = new InMemorySweeps();
        long id = store.createSweep("close-price", "sweeps/close-price.yaml", "", 36, "0.1.0");
        SweepPoints.grid().forEach(p -> store.savePoint(id, p));
        Path file = folder.resolve(name);
        new SweepReportService(store, Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC))
                .report(String.valueOf(id), file);
        return file;
    }

    /** The page with scripts run after its own, each leaving its output in a {@code <pre id="...-probe">}. */
    String dom(Path file, String... scripts) throws Exception {
        String html = Files.readString(file);
        int end = html.lastIndexOf("</body>");
        StringBuilder probes = new StringBuilder();
        for (String s : scripts) probes.append("<script>").append(s).append("</script>\n");
        Files.writeString(file, html.substring(0, end) + probes + html.substring(end));
        String dom = HeadlessChromium.dumpDom(file, folder);
        Matcher m = ERRORS.matcher(dom);
        assertThat(m.find()).as("the page's error box").isTrue();
        assertThat(m.group(1).trim()).as("errors the page caught").isEmpty();
        return dom;
    }

    static JsonNode probe(String dom, String id) throws Exception {
        Matcher m = PROBE.matcher(dom);
        while (m.find())
            if (m.group(1).equals(id))
                return new ObjectMapper().readTree(m.group(2).replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&amp;", "&"));
        throw new AssertionError("no " + id + " in the page");
    }

    @Test
    void every_chart_is_drawn_and_every_axis_names_its_measure_with_its_denominator() throws Exception {
        Path file = report("sweep.html");
        List<String> charts = new Page(Files.readString(file)).chartIds();
        assertThat(charts).containsExactly("chart-frontier", "chart-worst", "chart-response-0", "chart-response-1",
                "chart-response-2");

        String dom = dom(file, AXIS_PROBE);

        Matcher rendered = RENDERED.matcher(dom);
        assertThat(rendered.find()).isTrue();
        assertThat(Integer.parseInt(rendered.group(1))).isEqualTo(charts.size());
        for (String id : charts) {
            int from = dom.indexOf("id=\"" + id + "\"");
            assertThat(dom.substring(from, dom.indexOf("</div></div>", from) + 1)).as(id)
                    .contains("data-rendered=\"true\"").contains("<canvas");
        }
        JsonNode axes = probe(dom, "axis-probe");
        JsonNode frontier = axes.get("chart-frontier");
        assertThat(frontier.get("x").asText()).isEqualTo("bad debt, % of the bankruptcies' shortfall");
        assertThat(frontier.get("y").asText()).isEqualTo("largest haircut, % of that account's equity");
        assertThat(frontier.get("title").asText()).startsWith("Pareto frontier under demo oct-10, severity 1");
        assertThat(axes.get("chart-worst").get("title").asText())
                .isEqualTo("Worst case across the sweep's 6 stresses, per policy variant");
        assertThat(axes.get("chart-worst").get("series").asInt()).isEqualTo(3 + 1); // a series per policy, the line
        assertThat(axes.get("chart-response-0").get("x").asText()).isEqualTo("severity (1 = the scenario as written)");
        assertThat(axes.get("chart-response-2").get("x").asText()).isEqualTo("adl.closePrice");
        for (String id : charts) {
            assertThat(axes.get(id).get("y").asText()).as(id).containsAnyOf("% of", "HHI");
            assertThat(axes.get(id).get("titleFits").asBoolean()).as(id + "'s title fits its width").isTrue();
            assertThat(axes.get(id).get("yNameFits").asBoolean()).as(id + "'s y axis name fits beside its grid")
                    .isTrue();
        }
    }

    @Test
    void no_axis_label_is_cut_off_and_each_value_label_says_its_tick() throws Exception {
        String dom = dom(report("labels.html"), ReportInChromiumTest.LABEL_PROBE);
        Matcher m = Pattern.compile("(?s)<pre id=\"label-probe\">(.*?)</pre>").matcher(dom);
        assertThat(m.find()).isTrue();
        JsonNode labels = new ObjectMapper()
                .readTree(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        assertThat(labels).isNotEmpty();
        for (JsonNode l : labels) {
            String what = l.get("chart").asText() + " " + l.get("axis").asText() + " label '" + l.get("text").asText()
                    + "'";
            assertThat(l.get("left").asDouble()).as(what + " starts inside the chart").isGreaterThanOrEqualTo(0);
            assertThat(l.get("right").asDouble()).as(what + " ends inside the chart")
                    .isLessThanOrEqualTo(l.get("width").asDouble());
            if (l.get("type").asText().equals("value"))
                assertThat(ReportInChromiumTest.compact(l.get("text").asText())).as(what)
                        .isCloseTo(l.get("tick").asDouble(), org.assertj.core.data.Offset.offset(
                                Math.max(1e-9, Math.abs(l.get("tick").asDouble()) * 0.005)));
        }
    }

    @Test
    void the_hover_names_the_point_its_variant_its_stress_and_its_measures() throws Exception {
        String dom = dom(report("hover.html"), HOVER_PROBE);
        String tip = probe(dom, "hover-probe").asText();
        assertThat(tip).containsPattern("point \\d+: (bitmex|binance|okx) adl.closePrice=(mark|bankruptcy)")
                .contains("demo oct-10, severity 1, fund x0.5, seed 7")
                .contains("bad debt, % of the bankruptcies' shortfall: ")
                .contains("largest haircut, % of that account's equity: ");
    }

    @Test
    void choosing_another_axis_redraws_the_chart_and_the_frontier_table_with_its_denominator() throws Exception {
        String dom = dom(report("switch.html"), SWITCH_PROBE);
        JsonNode after = probe(dom, "switch-probe");
        assertThat(after.get("x").asText()).isEqualTo("insurance fund paid, % of the fund at the start");
        assertThat(after.get("header").asText()).isEqualTo("insurance fund paid, % of the fund at the start");
        assertThat(after.get("rows").asInt()).isPositive();
        assertThat(after.get("highlighted").asInt()).isPositive().isLessThan(after.get("rows").asInt());
    }

    /** Per chart: its title, its axes' names and how many series it drew. */
    private static final String AXIS_PROBE = """
            (function () {
              var out = {};
              var ctx = document.createElement('canvas').getContext('2d');
              document.querySelectorAll('.chart').forEach(function (el) {
                var chart = echarts.getInstanceByDom(el);
                var o = chart.getOption();
                var rect;
                chart.getModel().eachComponent('yAxis', function (m) { rect = m.axis.grid.getRect(); });
                ctx.font = 'bold 14px sans-serif';
                var titleWidth = ctx.measureText(o.title[0].text).width;
                ctx.font = '12px sans-serif';
                var yNameWidth = ctx.measureText(o.yAxis[0].name).width;
                out[el.id] = { title: o.title[0].text, x: o.xAxis[0].name, y: o.yAxis[0].name,
                  series: o.series.length, titleFits: titleWidth <= el.clientWidth,
                  yNameFits: yNameWidth <= rect.height };
              });
              var pre = document.createElement('pre');
              pre.id = 'axis-probe';
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
            })();
            """;

    /** Shows the frontier chart's tooltip on its first dot and reads what it says. */
    private static final String HOVER_PROBE = """
            (function () {
              var el = document.getElementById('chart-frontier');
              echarts.getInstanceByDom(el).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
              var tip = Array.prototype.filter.call(el.querySelectorAll('div'), function (d) {
                return d.innerText.indexOf('point ') >= 0; });
              var pre = document.createElement('pre');
              pre.id = 'hover-probe';
              pre.textContent = JSON.stringify(tip.length ? tip[tip.length - 1].innerText : '');
              document.body.appendChild(pre);
            })();
            """;

    /** Chooses another x axis as a reader would, then reads the chart's axis and the table. */
    private static final String SWITCH_PROBE = """
            (function () {
              var select = document.getElementById('x-metric');
              select.value = 'fund_drawn_share';
              select.dispatchEvent(new Event('change'));
              var o = echarts.getInstanceByDom(document.getElementById('chart-frontier')).getOption();
              var pre = document.createElement('pre');
              pre.id = 'switch-probe';
              pre.textContent = JSON.stringify({ x: o.xAxis[0].name,
                header: document.getElementById('frontier-x').textContent,
                rows: document.querySelectorAll('#frontier-table tbody tr').length,
                highlighted: document.querySelectorAll('#frontier-table tbody tr.on-context').length });
              document.body.appendChild(pre);
            })();
            """;
}

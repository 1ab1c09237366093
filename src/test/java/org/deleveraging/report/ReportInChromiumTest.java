package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report opened in a real browser: Debian's headless chromium draws every chart, and the page's own error box
 * (which catches uncaught errors and console.error) stays empty. Skipped where chromium is not installed; install it
 * with {@code .ci/setup-chromium}.
 */
class ReportInChromiumTest {
    private static final Pattern RENDERED = Pattern.compile("<body[^>]*data-charts-rendered=\"(\\d+)\"");
    private static final Pattern ERRORS = Pattern.compile("(?s)<pre id=\"script-errors\"[^>]*>(.*?)</pre>");

    @TempDir Path folder;

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChromium.installed(), "skipped: " + HeadlessChromium.BINARY
                + " is not installed; run .ci/setup-chromium (Debian's chromium package) to check the report "
                + "in a browser");
    }

    @Test
    void every_chart_is_drawn_on_a_canvas_with_no_script_error() throws Exception {
        Path file = folder.resolve("committee.html");
        ReportFixture f = ReportFixture.get();
        f.reports.report(f.both(), null, file);
        List<String> charts = new Page(Files.readString(file)).chartIds();
        assertThat(charts).hasSizeGreaterThan(8);

        String dom = HeadlessChromium.dumpDom(file, folder);

        assertThat(errors(dom)).as("errors the page caught").isEmpty();
        assertThat(rendered(dom)).isEqualTo(charts.size());
        for (int i = 0; i < charts.size(); i++) {
            int from = dom.indexOf("id=\"" + charts.get(i) + "\"");
            assertThat(from).as(charts.get(i)).isPositive();
            int to = i + 1 < charts.size() ? dom.indexOf("id=\"" + charts.get(i + 1) + "\"") : dom.length();
            String container = dom.substring(from, to);
            assertThat(container).as(charts.get(i)).contains("data-rendered=\"true\"").contains("<canvas");
        }
    }

    /**
     * Every axis label as ECharts laid it out, measured in the browser with the label's own font: a label right-aligned
     * at the grid's left edge must start inside the chart (the liquidated-notional chart once showed "8,000,000" for
     * 18,000,000, its first digit cut off by the grid's left margin), and what a value axis's label says must be the
     * tick it stands for (a compact "18M" is 18,000,000).
     */
    @Test
    void no_axis_label_is_cut_off_and_each_value_label_says_its_tick() throws Exception {
        Path file = folder.resolve("labels.html");
        ReportFixture f = ReportFixture.get();
        f.reports.report(f.both(), null, file);
        String html = Files.readString(file);
        int end = html.lastIndexOf("</body>");
        html = html.substring(0, end) + "<script>" + LABEL_PROBE + "</script>\n" + html.substring(end);
        Files.writeString(file, html);

        String dom = HeadlessChromium.dumpDom(file, folder);

        assertThat(errors(dom)).as("errors the page caught").isEmpty();
        Matcher m = PROBE.matcher(dom);
        assertThat(m.find()).as("the label probe's output").isTrue();
        JsonNode labels = new ObjectMapper()
                .readTree(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        java.util.Set<String> charts = new java.util.TreeSet<>();
        for (JsonNode l : labels) {
            String what = l.get("chart").asText() + " " + l.get("axis").asText() + " label '" + l.get("text")
                    .asText() + "'";
            charts.add(l.get("chart").asText());
            assertThat(l.get("left").asDouble()).as(what + " starts inside the chart").isGreaterThanOrEqualTo(0);
            assertThat(l.get("right").asDouble()).as(what + " ends inside the chart")
                    .isLessThanOrEqualTo(l.get("width").asDouble());
            if (l.get("type").asText().equals("value")) {
                double tick = l.get("tick").asDouble();
                assertThat(compact(l.get("text").asText())).as(what + " stands for tick " + tick)
                        .isCloseTo(tick, org.assertj.core.data.Offset.offset(Math.max(1e-9, Math.abs(tick) * 0.005)));
            }
        }
        assertThat(charts).contains("chart-liquidated", "chart-adl", "chart-profit", "chart-leverage", "chart-fund",
                "chart-marks-BTCUSDT", "chart-differing");
    }

    /** "18M", "250k", "1.5B", "2,500", "0.63" as numbers. */
    static double compact(String label) {
        String s = label.replace(",", "").trim();
        double unit = 1;
        if (s.endsWith("k")) unit = 1e3;
        else if (s.endsWith("M")) unit = 1e6;
        else if (s.endsWith("B")) unit = 1e9;
        if (unit != 1) s = s.substring(0, s.length() - 1);
        return Double.parseDouble(s) * unit;
    }

    private static final Pattern PROBE = Pattern.compile("(?s)<pre id=\"label-probe\">(.*?)</pre>");

    /**
     * Runs after the report's own script: for each chart and each of its axes, the labels ECharts shows (the axis's
     * view labels), measured with the axis label's font on a canvas and placed as ECharts places them: a left axis's
     * labels end {@code margin} pixels left of the grid, a bottom axis's are centred under their tick.
     */
    static final String LABEL_PROBE = """
            (function () {
              var out = [];
              var ctx = document.createElement('canvas').getContext('2d');
              document.querySelectorAll('.chart').forEach(function (el) {
                var chart = echarts.getInstanceByDom(el);
                if (!chart) return;
                ['xAxis', 'yAxis'].forEach(function (kind) {
                  chart.getModel().eachComponent(kind, function (axisModel) {
                    var axis = axisModel.axis;
                    var rect = axis.grid.getRect();
                    var label = axisModel.getModel('axisLabel');
                    if (label.get('show') === false) return;
                    ctx.font = label.getFont();
                    var margin = label.get('margin');
                    var rotate = label.get('rotate') || 0;
                    axis.getViewLabels().forEach(function (l) {
                      var w = ctx.measureText(l.formattedLabel).width;
                      var left, right;
                      if (axis.dim === 'y') {
                        if (axis.position === 'right') { left = rect.x + rect.width + margin; right = left + w; }
                        else { right = rect.x - margin; left = right - w; }
                      } else {
                        if (rotate) return;  // a rotated label hangs below the axis; containLabel keeps it in, not \
            checked here
                        var x = axis.toGlobalCoord(axis.dataToCoord(l.tickValue));
                        left = x - w / 2; right = x + w / 2;
                      }
                      out.push({ chart: el.id, axis: axis.dim, type: axis.type, text: l.formattedLabel,
                        tick: axis.type === 'value' ? l.tickValue : null, left: left, right: right, width: \
            el.clientWidth });
                    });
                  });
                });
              });
              var pre = document.createElement('pre');
              pre.id = 'label-probe';
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
            })();
            """;

    @Test
    void a_page_whose_script_fails_shows_the_error_and_no_drawn_charts() throws Exception {
        Path file = folder.resolve("broken.html");
        ReportFixture f = ReportFixture.get();
        f.reports.report(f.both(), null, file);
        String html = Files.readString(file);
        // the chart data replaced by an empty object: the drawing script fails on its first line
        html = html.replaceFirst("(?s)(<script type=\"application/json\" id=\"report-data\">).*?(</script>)", "$1{}$2");
        Files.writeString(file, html);

        String dom = HeadlessChromium.dumpDom(file, folder);

        assertThat(errors(dom)).contains("error:");
        assertThat(RENDERED.matcher(dom).find()).isFalse();
        assertThat(dom).doesNotContain("<canvas");
    }

    private static String errors(String dom) {
        Matcher m = ERRORS.matcher(dom);
        assertThat(m.find()).as("the page's error box").isTrue();
        return m.group(1).trim();
    }

    private static int rendered(String dom) {
        Matcher m = RENDERED.matcher(dom);
        assertThat(m.find()).as("the page's mark that its script finished").isTrue();
        return Integer.parseInt(m.group(1));
    }
}

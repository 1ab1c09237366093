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
                + " is not installed; run .ci/setup-chromium (Debian's chromium package) to check the report in a browser");
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

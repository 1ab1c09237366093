package org.deleveraging.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a written report back the way a test needs it: table cells, chart containers, the embedded chart data. */
record Page(String html) {
    private static final Pattern CHART = Pattern.compile("<div class=\"chart[^\"]*\" id=\"([^\"]+)\"");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<script\\b[^>]*>.*?</script>");

    /** The cells of the metrics row with this key, one per run, as shown. */
    List<String> metric(String key) { return cells("<tr data-metric=\"" + key + "\">"); }

    /** The cells of the provenance row with this label, one per run, tags removed. */
    List<String> provenance(String label) { return cells("<tr><th>" + label + "</th>"); }

    private List<String> cells(String rowStart) {
        int at = html.indexOf(rowStart);
        if (at < 0) throw new AssertionError("no row " + rowStart);
        String row = html.substring(at, html.indexOf("</tr>", at));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row);
        while (m.find()) out.add(m.group(1).replaceAll("<[^>]+>", "").replace("&amp;", "&"));
        return out;
    }

    /** The ids of the chart containers, in page order. */
    List<String> chartIds() {
        List<String> out = new ArrayList<>();
        Matcher m = CHART.matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    JsonNode data() {
        String open = "<script type=\"application/json\" id=\"report-data\">";
        int from = html.indexOf(open) + open.length();
        try {
            return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(html.substring(from, html.indexOf("</script>", from)));
        } catch (Exception e) {
            throw new AssertionError("the chart data is not JSON", e);
        }
    }

    /** The page without the contents of its script elements: the markup a browser would fetch resources for. */
    String markupOnly() { return SCRIPT.matcher(html).replaceAll("<script></script>"); }

    /** Every opening script tag. */
    List<String> scriptTags() {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?i)<script\\b[^>]*>").matcher(markupOnly());
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Every http(s) address anywhere in the file, scripts included. */
    List<String> addresses() {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("https?://[^\\s\"'<>)]+").matcher(html);
        while (m.find()) out.add(m.group());
        return out;
    }
}

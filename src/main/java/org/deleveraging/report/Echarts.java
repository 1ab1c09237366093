package org.deleveraging.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The minified ECharts bundle from the {@code org.webjars.npm:echarts} webjar on the classpath, found by pattern so
 * that a version bump in the pom needs no change here. It is inlined into the report: the file must open without a
 * network.
 */
final class Echarts {
    private static final String PATTERN = "classpath*:META-INF/resources/webjars/echarts/*/dist/echarts.min.js";
    private static final Pattern VERSION = Pattern.compile("webjars/echarts/([^/]+)/dist/");

    /** The bundle's text and the version its path names. */
    record Bundle(String version, String script) {}

    private static volatile Bundle cached;

    private Echarts() {}

    static Bundle bundle() {
        Bundle b = cached;
        if (b == null) cached = b = load();
        return b;
    }

    private static Bundle load() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(Echarts.class.getClassLoader())
                    .getResources(PATTERN);
            if (found.length == 0)
                throw new IllegalStateException(
                        "the ECharts webjar is not on the classpath (org.webjars.npm:echarts in pom.xml)");
            Resource r = found[0];
            Matcher m = VERSION.matcher(r.getURL().toString());
            String version = m.find() ? m.group(1) : "unknown";
            String script = r.getContentAsString(StandardCharsets.UTF_8);
            // inside an inline <script>, only "</script" would end the element early; "<\/" means the same to
            // JavaScript
            return new Bundle(version, script.replaceAll("(?i)</script", "<\\\\/script"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the ECharts bundle from its webjar", e);
        }
    }
}

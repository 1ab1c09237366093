package org.deleveraging.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource with {@code {{name}}} marks, filled in one pass: what is filled in is never scanned again, so a
 * value that happens to contain {@code {{...}}} (an account id, minified JavaScript) is left as it is.
 */
final class Template {
    private static final Pattern MARK = Pattern.compile("\\{\\{(\\w+)}}");

    private Template() {}

    static String resource(String path) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path + " (is the jar complete?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    /**
     * Fills every mark. A mark without a value, or a value without a mark, is a bug in the writer (text missing from
     * the page, or a placeholder printed on it), so both are errors.
     */
    static String fill(String template, Map<String, String> values) {
        Set<String> unused = new TreeSet<>(values.keySet());
        Matcher m = MARK.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalStateException("no value for {{" + m.group(1) + "}}");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
            unused.remove(m.group(1));
        }
        m.appendTail(out);
        if (!unused.isEmpty()) throw new IllegalStateException("the template has no mark for " + unused);
        return out.toString();
    }
}

package org.deleveraging.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Mustache;

/**
 * Text resources, and Mustache templates among them. Every {@code {{value}}} is HTML-escaped unless the template
 * writes {@code {{{value}}}}; a value the template names but the writer does not give is an error, not an empty
 * space on the page. What is filled in is never read as a template again.
 */
final class Template {
    private static final Mustache.Compiler COMPILER =
            Mustache.compiler().withEscaper(Html.ESCAPER).strictSections(true);

    private Template() {}

    static String resource(String path) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path + " (is the jar complete?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    /** {@code template} filled from {@code context} (maps, lists, strings). */
    static String fill(String template, Object context) { return COMPILER.compile(template).execute(context); }
}

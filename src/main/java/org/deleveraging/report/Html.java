package org.deleveraging.report;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/** Escaping for text and attribute values written into the report's HTML: the template's, by default. */
final class Html {
    /**
     * The five characters that matter in text and in double- or single-quoted attributes. jmustache's own HTML escaper
     * also rewrites {@code =} and {@code `}, which would change the page's bytes for no reader.
     */
    static final Mustache.Escaper ESCAPER = Escapers.simple(new String[][] {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});

    private Html() {}

    static String esc(Object value) { return ESCAPER.escape(value == null ? "" : value.toString()); }
}

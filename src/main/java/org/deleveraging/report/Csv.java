package org.deleveraging.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One CSV file as RFC 4180 quotes it (a field with a comma, quote or line break in double quotes, quotes doubled),
 * UTF-8, lines ending in \n, which notebooks and spreadsheets both read. Numbers are written exactly, in plain notation.
 */
final class Csv implements AutoCloseable {
    private final BufferedWriter out;

    Csv(Path file, String... header) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        row((Object[]) header);
    }

    void row(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) out.write(',');
                out.write(field(fields[i]));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void row(List<?> fields) { row(fields.toArray()); }

    static String field(Object v) {
        String s = v instanceof java.math.BigDecimal b ? Numbers.plain(b) : v == null ? "" : v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

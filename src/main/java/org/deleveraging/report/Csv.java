package org.deleveraging.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * One CSV file as RFC 4180 quotes it (a field with a comma, quote or line feed in double quotes, quotes doubled),
 * UTF-8, lines ending in \n, which notebooks and spreadsheets both read. Numbers are written exactly, in plain
 * notation.
 *
 * <p>Jackson's strict quoting check is on: without it, any field longer than 24 characters would be quoted, which
 * readers accept but which would change every file the export wrote before. A lone carriage return is not quoted by
 * that check; nothing the export writes holds one.
 */
final class Csv implements AutoCloseable {
    private static final CsvMapper MAPPER =
            CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n");

    private final SequenceWriter out;

    Csv(Path file, String... header) {
        try {
            out = MAPPER.writer(SCHEMA).writeValues(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        row((Object[]) header);
    }

    void row(Object... fields) {
        // as text: Jackson would leave a null out of the row, and write a BigDecimal in its own notation
        String[] text = new String[fields.length];
        for (int i = 0; i < fields.length; i++) text[i] = text(fields[i]);
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void row(List<?> fields) { row(fields.toArray()); }

    static String text(Object v) {
        return v instanceof BigDecimal b ? Numbers.plain(b) : v == null ? "" : v.toString();
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

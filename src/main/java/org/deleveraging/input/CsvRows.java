package org.deleveraging.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The rows of a UTF-8 CSV file, header first, one at a time (a million-row account import holds one row, not the
 * file), read by Jackson's CSV parser. Cells may be double-quoted ({@code ""} inside is one quote); spaces around a
 * cell are trimmed, inside quotes kept. Blank lines, lines starting with {@code #} and a byte-order mark are skipped.
 * A quote left open is an error naming the line, as {@code file:line: malformed row: ...}; what the cells must hold
 * is for the caller to check.
 */
public final class CsvRows {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.TRIM_SPACES, CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withComments();

    private CsvRows() {}

    /**
     * Hands each row to {@code rows}; the row is reused for the next one. I/O errors and text that is not UTF-8
     * ({@link java.nio.charset.CharacterCodingException}) are the caller's to word.
     */
    public static void read(Path file, String display, Consumer<Row> rows) throws IOException {
        try (Reader in = withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             JsonParser p = MAPPER.getFactory().createParser(in)) {
            p.setSchema(SCHEMA);
            Row row = new Row();
            int depth = 0; // 1 in the array of rows (WRAP_AS_ARRAY), 2 in a row
            int ended = 0; // where the row before started, for a row that fails before its first cell
            try {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.VALUE_STRING) {
                        if (row.size == 0) row.line = p.currentTokenLocation().getLineNr();
                        row.add(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), display);
                    } else if (t == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (t == JsonToken.END_ARRAY && depth-- == 2) {
                        ended = row.size > 0 ? row.line : ended;
                        if (row.size > 0) rows.accept(row);
                        row.clear();
                    }
                }
            } catch (JsonParseException e) {
                int line = row.size > 0 ? row.line : ended + 1;
                String problem = e.getOriginalMessage().startsWith("Missing closing quote") ? "a quote is not closed"
                        : "a quoted cell must end at its closing quote (write \"\" for a quote inside it)";
                throw new InputException(display, line, null, "malformed row: " + problem);
            }
        }
    }

    /** A byte-order mark that an editor put at the start is not part of the first column's name. */
    private static Reader withoutBom(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
        return in;
    }

    /** One row's cells side by side in one buffer: most rows need no String for most of their cells. */
    public static final class Row {
        private char[] text = new char[256];
        private int[] start = new int[16];
        private int[] end = new int[16];
        private int size;
        private int line;
        private int length;

        /** The line the row starts on, counted from 1. */
        public int line() { return line; }

        public int size() { return size; }

        public String cell(int c) { return new String(text, start[c], end[c] - start[c]); }

        public boolean isEmpty(int c) { return start[c] == end[c]; }

        /** Whether cell c reads {@code s}, without making a String of it. */
        public boolean is(int c, String s) {
            if (s == null || s.length() != end[c] - start[c]) return false;
            for (int i = 0; i < s.length(); i++) if (text[start[c] + i] != s.charAt(i)) return false;
            return true;
        }

        public List<String> cells() {
            List<String> out = new ArrayList<>(size);
            for (int c = 0; c < size; c++) out.add(cell(c));
            return out;
        }

        private void clear() {
            size = 0;
            length = 0;
        }

        private void add(char[] chars, int offset, int count, String display) {
            // Jackson trims spaces and tabs; other whitespace around a cell (a no-break space) goes too
            while (count > 0 && Character.isWhitespace(chars[offset]) && chars[offset] > ' ') {
                offset++;
                count--;
            }
            while (count > 0 && Character.isWhitespace(chars[offset + count - 1]) && chars[offset + count - 1] > ' ')
                count--;
            // a cell holding a line break is a quote opened and closed only on a later line
            for (int i = offset; i < offset + count; i++)
                if (chars[i] == '\n' || chars[i] == '\r')
                    throw new InputException(display, line, null, "malformed row: a quote is not closed");
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
            }
            if (length + count > text.length) text = Arrays.copyOf(text, Math.max(text.length * 2, length + count));
            System.arraycopy(chars, offset, text, length, count);
            start[size] = length;
            length += count;
            end[size++] = length;
        }
    }
}

package org.deleveraging.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.input.InputException;
import org.deleveraging.input.Utf8;

/**
 * Reads an account set from CSV, one row per position (the same columns as a regression case's accounts file):
 *
 * <pre>
 * account,mode,wallet,market,side,size,entry,margin
 * A1,cross,1200,BTCUSDT,long,0.5,121000,
 * A1,cross,1200,ETHUSDT,short,4,4400,
 * A2,isolated,50,SOLUSDT,long,100,215,2200
 * A3,cross,500,,,,,
 * </pre>
 *
 * The columns may come in any order. {@code wallet} is the account's wallet balance and {@code mode} its margin mode
 * (cross or isolated): they repeat on each of the account's rows, which must be consecutive. {@code margin} is an
 * isolated position's own margin (empty for cross). A row with an empty market is an account without positions.
 * Blank lines and lines starting with {@code #} are skipped. Cells may be double-quoted.
 */
final class AccountCsvReader {
    static final List<String> COLUMNS = List.of("account", "mode", "wallet", "market", "side", "size", "entry", "margin");

    private AccountCsvReader() {}

    static AccountRows read(Path file, String display, KnownMarkets markets) {
        AccountRows rows = new AccountRows(display, markets);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int[] column = null;
            Row row = new Row();
            String id = null, mode = null, wallet = null; // as last given to rows.account
            // a position keeps its market's name: let it be the known one, not one of a million equal substrings
            Map<String, String> names = new HashMap<>();
            for (String known : markets.markets().keySet()) names.put(known, known);
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (column == null) {
                    column = header(cells(t, display, n), display, n);
                    continue;
                }
                int count = row.split(t, display, n);
                if (count != COLUMNS.size())
                    throw new InputException(display, n, null, "malformed row: expected " + COLUMNS.size() + " columns ("
                            + String.join(",", COLUMNS) + "), got " + count);
                // An account's rows repeat its id, mode and wallet as written. Given the same text as the previous row,
                // which it accepted, rows.account would check nothing new and change nothing: skip the call and the substrings.
                if (!row.is(column[0], id) || !row.is(column[1], mode) || !row.is(column[2], wallet)) {
                    id = row.cell(column[0]);
                    mode = row.cell(column[1]);
                    wallet = row.cell(column[2]);
                    rows.account(n, id, mode, wallet, true);
                }
                if (row.isEmpty(column[3])) {
                    for (int c = 4; c < COLUMNS.size(); c++)
                        if (!row.isEmpty(column[c]))
                            throw new InputException(display, n, COLUMNS.get(c), "a row without a market has no position; leave it empty");
                    continue;
                }
                String market = row.cell(column[3]);
                rows.position(n, names.getOrDefault(market, market), row.cell(column[4]), row.cell(column[5]),
                        row.cell(column[6]), row.cell(column[7]));
            }
            if (column == null) throw new InputException(display, 1, null, "the file is empty; the first line names the columns "
                    + String.join(",", COLUMNS));
        } catch (CharacterCodingException e) {
            throw Utf8.error(file, display);
        } catch (IOException e) {
            throw new InputException(display, 0, null, "cannot read file: " + e.getMessage());
        }
        return rows;
    }

    private static int[] header(List<String> cells, String display, int line) {
        int[] column = new int[COLUMNS.size()];
        java.util.Arrays.fill(column, -1);
        for (int i = 0; i < cells.size(); i++) {
            int c = COLUMNS.indexOf(cells.get(i).toLowerCase());
            if (c < 0) throw new InputException(display, line, cells.get(i), "unknown column; expected " + String.join(",", COLUMNS));
            if (column[c] >= 0) throw new InputException(display, line, cells.get(i), "column given twice");
            column[c] = i;
        }
        for (int c = 0; c < COLUMNS.size(); c++)
            if (column[c] < 0) throw new InputException(display, line, COLUMNS.get(c), "missing column; expected " + String.join(",", COLUMNS));
        return column;
    }

    /** Splits one line on commas; a cell in double quotes may hold commas, and "" inside it is one quote. */
    static List<String> cells(String line, String display, int n) {
        List<String> out = new ArrayList<>(COLUMNS.size());
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (ch == ',') {
                out.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) throw new InputException(display, n, null, "malformed row: a quote is not closed");
        out.add(wasQuoted ? cell.toString() : cell.toString().strip());
        return out;
    }

    /**
     * One row's cells as stripped regions of a text, so that a line without quotes (a million of them in an import)
     * needs no list and takes substrings only of the cells it uses.
     */
    private static final class Row {
        private String text;
        private final int[] start = new int[COLUMNS.size()];
        private final int[] end = new int[COLUMNS.size()];

        /** Splits a line as {@link #cells} does and returns the number of cells; the regions hold only a full row. */
        int split(String line, String display, int n) {
            if (line.indexOf('"') >= 0) {
                // rare: quoted cells go the slow way, then stand side by side in one text
                List<String> cells = cells(line, display, n);
                if (cells.size() == start.length) {
                    text = String.join("", cells);
                    int at = 0;
                    for (int c = 0; c < start.length; c++) {
                        start[c] = at;
                        at += cells.get(c).length();
                        end[c] = at;
                    }
                }
                return cells.size();
            }
            text = line;
            int count = 0;
            for (int from = 0; ; count++) {
                int comma = line.indexOf(',', from);
                int to = comma < 0 ? line.length() : comma;
                if (count < start.length) strip(count, from, to);
                if (comma < 0) return count + 1;
                from = comma + 1;
            }
        }

        /** As String.strip() of the cell: no whitespace character is a surrogate pair, so testing chars is enough. */
        private void strip(int c, int from, int to) {
            while (from < to && Character.isWhitespace(text.charAt(from))) from++;
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
            start[c] = from;
            end[c] = to;
        }

        String cell(int c) { return text.substring(start[c], end[c]); }

        boolean isEmpty(int c) { return start[c] == end[c]; }

        /** Whether cell c reads {@code s}, without taking a substring. */
        boolean is(int c, String s) {
            return s != null && s.length() == end[c] - start[c] && text.regionMatches(start[c], s, 0, s.length());
        }
    }
}

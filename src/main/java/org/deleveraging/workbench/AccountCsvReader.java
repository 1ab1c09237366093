package org.deleveraging.workbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.input.InputException;

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
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                List<String> cells = cells(t, display, n);
                if (column == null) {
                    column = header(cells, display, n);
                    continue;
                }
                if (cells.size() != COLUMNS.size())
                    throw new InputException(display, n, null, "malformed row: expected " + COLUMNS.size() + " columns ("
                            + String.join(",", COLUMNS) + "), got " + cells.size());
                String market = cells.get(column[3]);
                rows.account(n, cells.get(column[0]), cells.get(column[1]), cells.get(column[2]), true);
                if (market.isEmpty()) {
                    for (int c = 4; c < COLUMNS.size(); c++)
                        if (!cells.get(column[c]).isEmpty())
                            throw new InputException(display, n, COLUMNS.get(c), "a row without a market has no position; leave it empty");
                    continue;
                }
                rows.position(n, market, cells.get(column[4]), cells.get(column[5]), cells.get(column[6]), cells.get(column[7]));
            }
            if (column == null) throw new InputException(display, 1, null, "the file is empty; the first line names the columns "
                    + String.join(",", COLUMNS));
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
        if (line.indexOf('"') < 0) return plainCells(line);
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

    /** The common case, a line without quotes: cells are substrings between commas (a million lines in an import). */
    private static List<String> plainCells(String line) {
        List<String> out = new ArrayList<>(COLUMNS.size());
        int from = 0;
        for (int comma; (comma = line.indexOf(',', from)) >= 0; from = comma + 1) out.add(line.substring(from, comma).strip());
        out.add(line.substring(from).strip());
        return out;
    }
}

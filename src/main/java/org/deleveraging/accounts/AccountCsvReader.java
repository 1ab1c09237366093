package org.deleveraging.accounts;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.input.CsvRows;
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
 * Blank lines and lines starting with {@code #} are skipped. Cells may be double-quoted ({@link CsvRows}).
 */
final class AccountCsvReader {
    static final List<String> COLUMNS = List.of("account", "mode", "wallet", "market", "side", "size", "entry",
            "margin");

    private AccountCsvReader() {}

    static AccountRows read(Path file, String display, KnownMarkets markets) {
        AccountRows rows = new AccountRows(display, markets);
        Reading reading = new Reading(rows, display, markets);
        try {
            CsvRows.read(file, display, reading::row);
        } catch (CharacterCodingException e) {
            throw Utf8.error(file, display);
        } catch (IOException e) {
            throw new InputException(display, 0, null, "cannot read file: " + e.getMessage());
        }
        if (reading.column == null)
            throw new InputException(display, 1, null, "the file is empty; the first line names the columns "
                    + String.join(",", COLUMNS));
        return rows;
    }

    /** One file's reading: the columns once the header is read, and the account header given last to the rows. */
    private static final class Reading {
        private final AccountRows rows;
        private final String display;
        // a position keeps its market's name: let it be the known one, not one of a million equal strings
        private final Map<String, String> names = new HashMap<>();
        private int[] column;
        private String id, mode, wallet; // as last given to rows.account

        Reading(AccountRows rows, String display, KnownMarkets markets) {
            this.rows = rows;
            this.display = display;
            for (String known : markets.markets().keySet()) names.put(known, known);
        }

        void row(CsvRows.Row row) {
            int n = row.line();
            if (column == null) {
                column = header(row.cells(), display, n);
                return;
            }
            if (row.size() != COLUMNS.size())
                throw new InputException(display, n, null, "malformed row: expected " + COLUMNS.size() + " columns ("
                        + String.join(",", COLUMNS) + "), got " + row.size());
            // An account's rows repeat its id, mode and wallet as written. Given the same text as the previous
            // row, which it accepted, rows.account would check nothing new and change nothing: skip the call and
            // the strings.
            if (!row.is(column[0], id) || !row.is(column[1], mode) || !row.is(column[2], wallet)) {
                id = row.cell(column[0]);
                mode = row.cell(column[1]);
                wallet = row.cell(column[2]);
                rows.account(n, id, mode, wallet, true);
            }
            if (row.isEmpty(column[3])) {
                for (int c = 4; c < COLUMNS.size(); c++)
                    if (!row.isEmpty(column[c]))
                        throw new InputException(display, n, COLUMNS.get(c),
                                "a row without a market has no position; leave it empty");
                return;
            }
            String market = row.cell(column[3]);
            rows.position(n, names.getOrDefault(market, market), row.cell(column[4]), row.cell(column[5]),
                    row.cell(column[6]), row.cell(column[7]));
        }
    }

    private static int[] header(List<String> cells, String display, int line) {
        int[] column = new int[COLUMNS.size()];
        Arrays.fill(column, -1);
        for (int i = 0; i < cells.size(); i++) {
            int c = COLUMNS.indexOf(cells.get(i).toLowerCase());
            if (c < 0)
                throw new InputException(display, line, cells.get(i),
                        "unknown column; expected " + String.join(",", COLUMNS));
            if (column[c] >= 0) throw new InputException(display, line, cells.get(i), "column given twice");
            column[c] = i;
        }
        for (int c = 0; c < COLUMNS.size(); c++)
            if (column[c] < 0)
                throw new InputException(display, line, COLUMNS.get(c), "missing column; expected "
                        + String.join(",", COLUMNS));
        return column;
    }
}

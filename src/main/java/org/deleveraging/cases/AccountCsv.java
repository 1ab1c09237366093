package org.deleveraging.cases;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Position;
import org.deleveraging.input.Bound;
import org.deleveraging.input.CsvRows;
import org.deleveraging.input.Decimals;
import org.deleveraging.input.InputException;
import org.deleveraging.input.Utf8;
import org.deleveraging.input.YamlNode;

/**
 * Accounts for a case from a CSV file beside it, one position a row, for books too long to write inline:
 *
 * <pre>
 * account,mode,wallet,market,side,size,entry,margin
 * acct1,cross,120,XBTUSD,long,10,650,
 * acct1,cross,120,ETHUSD,short,5,3000,
 * flat1,cross,500,,,,,
 * </pre>
 *
 * An account's rows repeat its mode and wallet; a row with no market is an account without positions. Lines
 * starting with {@code #} are comments; cells may be double-quoted ({@link CsvRows}, the account import's reader
 * too). Errors name {@code file.csv:line: column}.
 */
final class AccountCsv {
    static final List<String> HEADER = List.of("account", "mode", "wallet", "market", "side", "size", "entry",
            "margin");

    private AccountCsv() {}

    static List<Account> read(Path file, YamlNode from, Map<String, Market> markets) {
        String name = Display.of(file);
        Map<String, Draft> drafts = new LinkedHashMap<>();
        boolean[] header = {false};
        try {
            CsvRows.read(file, name, row -> {
                List<String> cells = row.cells();
                if (!header[0]) {
                    if (!cells.equals(HEADER))
                        throw new InputException(name, row.line(), null,
                                "the header must read " + String.join(",", HEADER));
                    header[0] = true;
                    return;
                }
                if (cells.size() != HEADER.size())
                    throw new InputException(name, row.line(), null,
                            "expected " + HEADER.size() + " columns, got " + cells.size());
                row(drafts, cells, markets, name, row.line());
            });
        } catch (CharacterCodingException e) {
            throw Utf8.error(file, name);
        } catch (IOException e) {
            throw from.error("cannot read the accounts file " + name + ": " + e.getMessage());
        }
        if (drafts.isEmpty()) throw new InputException(name, 1, null, "no accounts in the file");
        List<Account> out = new ArrayList<>();
        drafts.forEach((id, d) -> out.add(new Account(id, d.mode, d.wallet, d.positions)));
        return out;
    }

    private static void row(Map<String, Draft> drafts, List<String> c, Map<String, Market> markets, String file,
            int line) {
        String id = c.get(0);
        String idProblem = org.deleveraging.input.Ids.problem(id, "an account id");
        if (idProblem != null) throw new InputException(file, line, "account", idProblem);
        MarginMode mode;
        BigDecimal wallet;
        try {
            mode = MarginMode.parse(c.get(1).isEmpty() ? "cross" : c.get(1));
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line, "mode", e.getMessage());
        }
        try {
            wallet = Decimals.parse(c.get(2), Bound.AMOUNT);
        } catch (NumberFormatException e) {
            throw new InputException(file, line, "wallet", "expected a number, got '" + Bound.shown(c.get(2)) + "'");
        } catch (Bound.OutOfRange e) {
            throw new InputException(file, line, "wallet", e.getMessage());
        }
        if (wallet.signum() < 0) throw new InputException(file, line, "wallet", "must not be negative, got "
                + wallet.toPlainString());
        Draft d = drafts.computeIfAbsent(id, k -> new Draft(mode, wallet));
        if (d.mode != mode || d.wallet.compareTo(wallet) != 0)
            throw new InputException(file, line, "wallet", "account " + id
                    + " has another mode or wallet on an earlier row");
        if (c.get(3).isEmpty()) return;
        try {
            d.positions.add(GivenReader.position(c.get(4), c.get(5), c.get(3), c.get(6), c.get(7), mode, markets));
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line, "position", e.getMessage());
        }
    }

    private static final class Draft {
        final MarginMode mode;
        final BigDecimal wallet;
        final List<Position> positions = new ArrayList<>();

        Draft(MarginMode mode, BigDecimal wallet) {
            this.mode = mode;
            this.wallet = wallet;
        }
    }
}

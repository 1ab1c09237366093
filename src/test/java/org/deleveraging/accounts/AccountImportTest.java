package org.deleveraging.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.MarginMode;
import org.deleveraging.domain.Side;
import org.deleveraging.input.InputException;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountImportTest {
    @TempDir Path folder;
    TempStore db;
    AccountSetService sets;

    static final String CSV = """
            # a small desk
            account,mode,wallet,market,side,size,entry,margin
            A1,cross,1200,BTCUSDT,long,0.5,121000,
            A1,cross,1200,ETHUSDT,short,4,4400,
            A2,isolated,50,SOLUSDT,long,100,215,2200
            A3,cross,500,,,,,
            """;

    static final String JSON = """
            { "accounts": [
                { "id": "A1", "mode": "cross", "wallet": "1200", "positions": [
                    { "market": "BTCUSDT", "side": "long", "size": "0.5", "entry": 121000 },
                    { "market": "ETHUSDT", "side": "short", "size": 4, "entry": "4400" } ] },
                { "id": "A2", "mode": "isolated", "wallet": 50, "positions": [
                    { "market": "SOLUSDT", "side": "long", "size": 100, "entry": 215, "margin": 2200 } ] },
                { "id": "A3", "mode": "cross", "wallet": 500 } ] }
            """;

    @BeforeEach
    void open() { db = new TempStore(folder); sets = new AccountSetService(db.store); }

    @AfterEach
    void close() { db.close(); }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private AccountSetInfo importFile(String name, String text) throws IOException {
        return sets.importFile(file(name, text), null, null, StoreProgress.NONE);
    }

    @Test
    void a_csv_row_per_position_builds_accounts_with_wallet_mode_and_isolated_margin() throws IOException {
        AccountSetInfo info = importFile("desk.csv", CSV);
        assertThat(info.name()).isEqualTo("desk");
        assertThat(info.accounts()).isEqualTo(3);
        assertThat(info.positions()).isEqualTo(3);
        var set = sets.load("desk").set();
        Account a1 = set.accounts().get(0);
        assertThat(a1.mode()).isEqualTo(MarginMode.CROSS);
        assertThat(a1.walletBalance()).isEqualByComparingTo("1200");
        assertThat(a1.positions()).extracting(p -> p.market(), p -> p.side())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTCUSDT", Side.LONG),
                        org.assertj.core.groups.Tuple.tuple("ETHUSDT", Side.SHORT));
        assertThat(set.accounts().get(1).positions().get(0).isolatedMargin()).isEqualByComparingTo("2200");
        assertThat(set.accounts().get(2).positions()).isEmpty();
        assertThat(set.markets()).containsOnlyKeys("BTCUSDT", "ETHUSDT", "SOLUSDT");
    }

    @Test
    void the_same_book_in_json_has_the_same_hash_as_in_csv() throws IOException {
        assertThat(importFile("book.json", JSON).hash()).isEqualTo(importFile("desk.csv", CSV).hash());
    }

    @Test
    void columns_may_come_in_any_order() throws IOException {
        String reordered = """
                entry,size,side,market,margin,wallet,mode,account
                121000,0.5,long,BTCUSDT,,1200,cross,A1
                """;
        assertThat(importFile("r.csv", reordered).positions()).isEqualTo(1);
    }

    @Test
    void a_malformed_row_names_file_and_line_and_nothing_is_written() throws IOException {
        assertRefused("bad.csv",
                CSV.replace("A2,isolated,50,SOLUSDT,long,100,215,2200", "A2,isolated,50,SOLUSDT,long,100"),
                "bad.csv:5: malformed row: expected 8 columns "
                + "(account,mode,wallet,market,side,size,entry,margin), got 6");
    }

    @Test
    void an_unknown_market_lists_the_known_ones() throws IOException {
        assertRefused("bad.csv", CSV.replace("SOLUSDT", "DOGEUSDT"),
                "bad.csv:5: market: unknown market DOGEUSDT; known: BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT (or "
                + "give a markets file with --markets)");
    }

    @Test
    void a_negative_size_is_refused_the_side_gives_the_direction() throws IOException {
        assertRefused("bad.csv", CSV.replace("short,4,4400", "short,-4,4400"),
                "bad.csv:4: size: must be positive, got -4 (the side says long or short)");
    }

    @Test
    void an_account_id_given_again_after_another_account_is_a_duplicate() throws IOException {
        assertRefused("bad.csv", CSV + "A1,cross,1200,SOLUSDT,long,1,200,\n",
                "bad.csv:7: account: duplicate account id A1 (first on line 3)");
    }

    @Test
    void rows_of_one_account_must_agree_on_its_wallet() throws IOException {
        assertRefused("bad.csv", CSV.replace("A1,cross,1200,ETHUSDT", "A1,cross,1300,ETHUSDT"),
                "bad.csv:4: wallet: account A1 has wallet 1200 on line 3");
    }

    @Test
    void a_number_that_is_not_one_names_its_column() throws IOException {
        assertRefused("bad.csv", CSV.replace("121000", "121,000"),
                "bad.csv:3: malformed row: expected 8 columns "
                + "(account,mode,wallet,market,side,size,entry,margin), got 9");
        assertRefused("bad2.csv", CSV.replace("121000", "12l000"),
                "bad2.csv:3: entry: expected a number, got '12l000'");
    }

    @Test
    void quoted_cells_and_spaces_around_cells_read_as_the_plain_book() throws IOException {
        String spaced = """
                account,mode,wallet,market,side,size,entry,margin
                 A1 , cross ,1200,\tBTCUSDT ,long,0.5,121_000,
                "A1","cross","1200","ETHUSDT","short","4","4400",""
                A2,isolated,50,SOLUSDT,long,100,215, 2200
                "A3",cross,500,,  ,,"",
                """;
        assertThat(importFile("spaced.csv", spaced).hash()).isEqualTo(importFile("desk.csv", CSV).hash());
    }

    @Test
    void rows_of_one_account_may_write_mode_and_wallet_differently_but_must_agree() throws IOException {
        String agreeing = """
                account,mode,wallet,market,side,size,entry,margin
                A1,cross,1200,BTCUSDT,long,0.5,121000,
                A1,Cross,1200.00,ETHUSDT,short,4,4400,
                A1,cross,1200,SOLUSDT,long,1,200,
                """;
        // the second row repeats the first as written; the third still has its mode checked
        assertRefused("bad.csv", CSV.replace("A1,cross,1200,ETHUSDT,short,4,4400,",
                "A1,cross,1200,ETHUSDT,short,4,4400,\nA1,isolated,1200,SOLUSDT,long,1,200,10"),
                "bad.csv:5: mode: account A1 is cross on line 3");
        assertRefused("bad2.csv", CSV + "A3,cross,500.0,,,,,\nA3,cross,501,,,,,\n",
                "bad2.csv:8: wallet: account A3 has wallet 500 on line 6");
        assertThat(importFile("agreeing.csv", agreeing).positions()).isEqualTo(3);
    }

    @Test
    void a_row_without_a_market_names_the_first_filled_cell_and_quotes_must_close() throws IOException {
        assertRefused("bad.csv", CSV.replace("A3,cross,500,,,,,", "A3,cross,500,, ,,,7"),
                "bad.csv:6: margin: a row without a market has no position; leave it empty");
        assertRefused("bad2.csv", CSV.replace("A3,cross,500,,,,,", "A3,\"cross,500,,,,,"),
                "bad2.csv:6: malformed row: a quote is not closed");
        assertRefused("bad3.csv", CSV.replace("A3,cross,500,,,,,", "A3,\"cross,x\",500,,,,,"),
                "bad3.csv:6: mode: margin mode must be cross or isolated, got 'cross,x'");
    }

    @Test
    void a_cross_position_with_its_own_margin_is_refused() throws IOException {
        assertRefused("bad.csv", CSV.replace("121000,", "121000,100"),
                "bad.csv:3: margin: a cross account's positions share its wallet; leave margin empty");
    }

    @Test
    void a_wrong_header_is_refused() throws IOException {
        assertRefused("bad.csv", CSV.replace("wallet,market", "balance,market"),
                "bad.csv:2: balance: unknown column; expected account,mode,wallet,market,side,size,entry,margin");
    }

    @Test
    void json_errors_name_the_line_and_key() throws IOException {
        assertRefused("bad.json", JSON.replace("\"entry\": 215", "\"entyr\": 215"),
                "bad.json:6: entyr: unknown key; expected one of market, side, size, entry, margin");
        assertRefused("bad2.json", JSON.replace("\"id\": \"A3\"", "\"id\": \"A1\""),
                "bad2.json:7: account: duplicate account id A1 (first on line 2)");
        assertRefused("bad3.json", JSON.replace("500 } ] }", "500 } ]"),
                "bad3.json:8: not valid JSON: Unexpected end-of-input: expected close marker for Object");
        assertRefused("bad4.json", JSON.replace("\"wallet\": 50,", "\"wallet\": 50"), null);
    }

    @Test
    void a_markets_file_defines_markets_and_their_reference_marks() throws IOException {
        Path markets = file("markets.yaml", """
                markets:
                  XBTUSD: { type: inverse, asset: XBT, tick: 0.5, lot: 1, bidDepth: 2000000, askDepth: 2500000, mark: \
                100000 }
                """);
        Path csv = file("inv.csv",
                "account,mode,wallet,market,side,size,entry,margin\nB1,cross,0.5,XBTUSD,short,1000,99000,\n");
        sets.importFile(csv, "inverse-desk", markets, StoreProgress.NONE);
        var stored = sets.load("inverse-desk");
        assertThat(stored.set().market("XBTUSD").type()).isEqualTo(org.deleveraging.domain.ContractType.INVERSE);
        assertThat(stored.referenceMarks()).containsEntry("XBTUSD", new java.math.BigDecimal("100000"));
    }

    @Test
    void an_existing_name_is_refused_before_the_file_is_read() throws IOException {
        importFile("desk.csv", CSV);
        assertThatThrownBy(() -> importFile("desk.csv", "garbage")).isInstanceOf(InputException.class)
                .hasMessage("an account set named 'desk' exists; delete it first or choose another --name");
    }

    // issue 22: bounds and strictness. Each refusal has its exact message and a near miss beside it that imports.

    @Test
    void a_size_price_or_wallet_beyond_its_bound_is_refused_before_any_arithmetic() throws IOException {
        assertRefused("huge.csv", CSV.replace("long,0.5,121000", "long,1E999999999,121000"),
                "huge.csv:3: size: out of range: at most 1e15 for a size, got '1E999999999'");
        assertRefused("far.csv", CSV.replace("long,0.5,121000", "long,0.5,1e400"),
                "far.csv:3: entry: out of range: at most 1e12 for a price, got '1e400'");
        assertRefused("rich.csv", CSV.replace("A3,cross,500", "A3,cross,1e30"),
                "rich.csv:6: wallet: out of range: at most 1e15 for an amount, got '1e30'");
        assertRefused("iso.csv", CSV.replace("215,2200", "215,1E999999999"),
                "iso.csv:5: margin: out of range: at most 1e15 for an amount, got '1E999999999'");
        assertRefused("huge.json", JSON.replace("\"size\": 4", "\"size\": 1E999999999"),
                "huge.json:4: size: out of range: at most 1e15 for a size, got '1E999999999'");
    }

    @Test
    void the_bounds_themselves_import() throws IOException {
        importFile("edge.csv", CSV.replace("long,0.5,121000", "long,1e15,1000000000000")
                .replace("A3,cross,500", "A3,cross,1000000000000000"));
        Account a1 = sets.load("edge").set().accounts().get(0);
        assertThat(a1.positions().get(0).size()).isEqualByComparingTo("1e15");
        assertThat(a1.positions().get(0).entryPrice()).isEqualByComparingTo("1e12");
    }

    @Test
    void more_than_twelve_decimal_places_are_refused_and_twelve_import() throws IOException {
        assertRefused("fine.csv", CSV.replace("long,0.5,121000", "long,0.5000000000001,121000"),
                "fine.csv:3: size: too precise: at most 12 decimal places for a size, got '0.5000000000001'");
        importFile("twelve.csv", CSV.replace("long,0.5,121000", "long,0.500000000001,121000.000000000000"));
        assertThat(sets.load("twelve").set().accounts().get(0).positions().get(0).size())
                .isEqualByComparingTo("0.500000000001");
    }

    @Test
    void a_side_is_long_or_short_and_nothing_else() throws IOException {
        assertRefused("buy.csv", CSV.replace("BTCUSDT,long", "BTCUSDT,buy"),
                "buy.csv:3: side: side must be long or short, got 'buy'");
        assertRefused("s.csv", CSV.replace("ETHUSDT,short", "ETHUSDT,s"),
                "s.csv:4: side: side must be long or short, got 's'");
        assertRefused("sell.json", JSON.replace("\"side\": \"short\"", "\"side\": \"sell\""),
                "sell.json:4: side: side must be long or short, got 'sell'");
        importFile("upper.csv", CSV.replace("BTCUSDT,long", "BTCUSDT,Long"));
        assertThat(sets.load("upper").set().accounts().get(0).positions().get(0).side()).isEqualTo(Side.LONG);
    }

    @Test
    void an_isolated_position_without_its_margin_is_refused() throws IOException {
        assertRefused("iso.csv", CSV.replace("215,2200", "215,"),
                "iso.csv:5: margin: missing; an isolated account's position has its own margin");
        assertRefused("iso.json", JSON.replace(", \"margin\": 2200", ""),
                "iso.json:6: margin: missing; an isolated account's position has its own margin");
        // the near miss: the CSV above, margin given, imports (a_csv_row_per_position_builds_accounts_...)
    }

    @Test
    void an_account_id_with_a_control_or_invisible_character_is_refused() throws IOException {
        assertRefused("nul.csv", CSV.replace("A3,cross", "A\u00003,cross"),
                "nul.csv:6: account: an account id may not contain control or invisible characters; found "
                + "U+0000 at character 2");
        assertRefused("tab.json", JSON.replace("\"A3\"", "\"A\\t3\""),
                "tab.json:7: account: an account id may not contain control or invisible characters; found "
                + "U+0009 at character 2");
        assertRefused("zw.csv", CSV.replace("A3,cross", "A\u200b3,cross"),
                "zw.csv:6: account: an account id may not contain control or invisible characters; found "
                + "U+200B at character 2");
        importFile("unicode.csv", CSV.replace("A3,cross", "Zoë-3 desk,cross"));
        assertThat(sets.load("unicode").set().accounts()).extracting(Account::id).contains("Zoë-3 desk");
    }

    @Test
    void a_csv_that_is_not_utf8_names_the_line_of_the_first_bad_byte() throws IOException {
        Path latin1 = folder.resolve("latin1.csv");
        StringBuilder rows = new StringBuilder("account,mode,wallet,market,side,size,entry,margin\n");
        for (int i = 0; i < 5000; i++) rows.append("A").append(i).append(",cross,100,BTCUSDT,long,1,100,\n");
        rows.append("Andr\u00e9,cross,100,BTCUSDT,long,1,100,\n");
        Files.write(latin1, rows.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> sets.importFile(latin1, null, null, StoreProgress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessage(folder + "/latin1.csv:5002: not UTF-8 text (byte 0xE9); save the file as UTF-8");
        Files.write(latin1, rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(sets.importFile(latin1, null, null, StoreProgress.NONE).accounts()).isEqualTo(5001);
    }

    @Test
    void a_json_key_given_twice_is_refused_not_taken_last() throws IOException {
        String twice = JSON.replace("500 } ] }", "500 } ],\n  \"accounts\": [] }");
        assertRefused("twice.json", twice, "twice.json:8: accounts: key given twice (first on line 1)");
        assertRefused("size.json", JSON.replace("\"size\": 4,", "\"size\": 4, \"size\": 5,"),
                "size.json:4: size: key given twice (first on line 4)");
        assertRefused("wallet.json", JSON.replace("\"wallet\": 500", "\"wallet\": 500, \"wallet\": 600"),
                "wallet.json:7: wallet: key given twice (first on line 7)");
    }

    @Test
    void anything_after_the_accounts_object_is_refused_but_whitespace_is_not() throws IOException {
        assertRefused("tail.json", JSON + "garbage\n",
                "tail.json:8: unexpected text after the end of the accounts object; a file holds one object");
        assertRefused("two.json", JSON + "{ \"accounts\": [] }\n",
                "two.json:8: unexpected text after the end of the accounts object; a file holds one object");
        assertThat(importFile("spaced.json", JSON + "\n\n   \n").accounts()).isEqualTo(3);
    }

    private void assertRefused(String name, String text, String message) throws IOException {
        var thrown = assertThatThrownBy(() -> importFile(name, text)).isInstanceOf(InputException.class);
        // the file is named as it was given: here, an absolute path in the test's folder
        if (message != null) thrown.hasMessage(folder + "/" + message);
        assertThat(sets.list()).isEmpty();
        assertThat(db.rows("set_account") + db.rows("set_position")).isZero();
    }
}

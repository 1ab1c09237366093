package org.deleveraging.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deleveraging.input.InputException;
import org.deleveraging.input.YamlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case's {@code given:} reads numbers within the same bounds as an import (input.Bound), ids without control
 * characters, and keys once. Each refusal has its exact message, and a near miss that reads.
 */
class CaseInputBoundsTest {
    @TempDir Path folder;

    private static final String GIVEN = """
            given:
              markets:
                XBTUSD: { tick: 0.5, lot: 1 }
              accounts:
                - { id: g1, wallet: 100, positions: [long 10 XBTUSD @ 1000] }
                - { id: iso, mode: isolated, wallet: 0, positions: [short 2 XBTUSD @ 1000 margin 40] }
            """;

    private Given read(String yaml) {
        return GivenReader.read(YamlNode.parse(yaml, "c.yaml").get("given"), folder, folder, "c");
    }

    @Test
    void the_given_book_reads() {
        assertThat(read(GIVEN).accounts().accounts()).hasSize(2);
    }

    @Test
    void a_size_or_price_beyond_its_bound_is_refused_at_its_line() {
        assertThatThrownBy(() -> read(GIVEN.replace("long 10 XBTUSD", "long 1E999999999 XBTUSD")))
                .isInstanceOf(InputException.class)
                .hasMessage(
                        "c.yaml:5: given.accounts[0].positions[0]: size: out of range: at most 1e15 for a size, got "
                        + "'1E999999999'");
        assertThatThrownBy(() -> read(GIVEN.replace("@ 1000]", "@ 1e400]")))
                .hasMessage("c.yaml:5: given.accounts[0].positions[0]: entry price: out of range: at most 1e12 for a "
                        + "price, got '1e400'");
        assertThat(read(GIVEN.replace("long 10 XBTUSD @ 1000]", "long 1e15 XBTUSD @ 1e12]")).accounts().accounts())
                .hasSize(2);
    }

    @Test
    void a_wallet_fund_or_tick_beyond_its_bound_is_refused() {
        assertThatThrownBy(() -> read(GIVEN.replace("wallet: 100,", "wallet: 1e30,")))
                .hasMessage("c.yaml:5: given.accounts[0].wallet: out of range: at most 1e15 for an amount, got '1e30'");
        assertThatThrownBy(() -> read(GIVEN + "  insuranceFund: { XBTUSD: 1E999999999 }\n"))
                .hasMessage("c.yaml:7: given.insuranceFund.XBTUSD: out of range: at most 1e15 for an amount, got "
                        + "'1E999999999'");
        assertThatThrownBy(() -> read(GIVEN.replace("tick: 0.5", "tick: 0.0000000000005")))
                .hasMessage("c.yaml:3: given.markets.XBTUSD.tick: too precise: at most 12 decimal places for a price, "
                        + "got '0.0000000000005'");
        assertThat(read(GIVEN.replace("tick: 0.5", "tick: 0.000000000005")).accounts().market("XBTUSD").tickSize())
                .isEqualByComparingTo("0.000000000005");
    }

    @Test
    void an_id_with_a_control_character_is_refused() {
        assertThatThrownBy(() -> read(GIVEN.replace("id: g1", "id: \"g\\u00001\"")))
                .hasMessage("c.yaml:5: given.accounts[0].id: an account id may not contain control or invisible "
                        + "characters; found U+0000 at character 2");
        assertThat(read(GIVEN.replace("id: g1", "id: \"g 1\"")).accounts().accounts().get(0).id()).isEqualTo("g 1");
    }

    @Test
    void a_side_other_than_long_or_short_is_not_a_position() {
        assertThatThrownBy(() -> read(GIVEN.replace("long 10", "buy 10")))
                .hasMessage("c.yaml:5: given.accounts[0].positions[0]: a position reads 'long 10 XBTUSD @ 650' "
                        + "(isolated: '... margin 40'), got 'buy 10 XBTUSD @ 1000'");
    }

    @Test
    void a_key_given_twice_is_refused() {
        assertThatThrownBy(() -> read(GIVEN.replace("wallet: 100,", "wallet: 100, wallet: 200,")))
                .hasMessage("c.yaml:5: given.accounts[0].wallet: key given twice (first on line 5)");
    }

    @Test
    void an_accounts_csv_that_is_not_utf8_names_its_line() throws IOException {
        Files.write(folder.resolve("book.csv"), ("account,mode,wallet,market,side,size,entry,margin\n"
                + "g1,cross,100,XBTUSD,long,10,1000,\n" + "ren\u00e9,cross,100,XBTUSD,short,10,1000,\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        String yaml = GIVEN.substring(0, GIVEN.indexOf("  accounts:")) + "  accounts: book.csv\n";
        assertThatThrownBy(() -> read(yaml))
                .hasMessageEndingWith("book.csv:3: not UTF-8 text (byte 0xE9); save the file as UTF-8");
        Files.writeString(folder.resolve("book.csv"), "account,mode,wallet,market,side,size,entry,margin\n"
                + "g1,cross,100,XBTUSD,long,10,1000,\n" + "ren\u00e9,cross,100,XBTUSD,short,10,1000,\n");
        assertThat(read(yaml).accounts().accounts()).extracting(a -> a.id()).containsExactly("g1", "ren\u00e9");
    }
}

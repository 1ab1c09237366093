package org.deleveraging.store;

import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.StoreProgress;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.input.DuplicateNameException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContractType;
import org.deleveraging.domain.Liquidity;
import org.deleveraging.domain.Market;
import org.deleveraging.domain.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSetStoreTest {
    @TempDir Path folder;
    TempStore db;
    H2WorkbenchStore store;

    @BeforeEach
    void open() {
        db = new TempStore(folder);
        store = db.store;
    }

    @AfterEach
    void close() { db.close(); }

    static AccountSet book(String name) {
        Market btc = linear("BTCUSDT", "0.1", "0.001", "25000000");
        Market inverse = new Market("XBTUSD", ContractType.INVERSE, "XBT", d("0.5"), d("1"), d("1"),
                new Liquidity(d("1000000"), d("1200000"), d("0.25")));
        return new AccountSet(name, Map.of("BTCUSDT", btc, "XBTUSD", inverse), List.of(
                cross("alice", "1000.5", pos("BTCUSDT", Side.LONG, "0.25", "121000.1")),
                isolatedAccount("bob", "20", isolated("BTCUSDT", Side.SHORT, "1.5", "120000", "3000.000000000001")),
                cross("carol", "0.75", pos("XBTUSD", Side.SHORT, "5000", "121500"),
                        pos("BTCUSDT", Side.LONG, "0.001", "99999")),
                cross("dave", "300")));
    }

    @Test
    void an_account_set_reads_back_exactly_as_it_was_written() {
        AccountSet set = book("desk");
        AccountSetInfo info = store.saveAccountSet(set, Map.of("BTCUSDT", d("121000"), "XBTUSD", d("121000")), "test",
                StoreProgress.NONE);

        StoredAccountSet back = store.loadAccountSet("desk").orElseThrow();
        assertThat(back.set().accounts()).containsExactlyElementsOf(set.accounts());
        assertThat(back.set().markets()).isEqualTo(set.markets());
        assertThat(back.referenceMarks()).containsEntry("XBTUSD", d("121000"));
        assertThat(ContentHash.accountSet(back.set())).isEqualTo(info.hash());
        assertThat(info.accounts()).isEqualTo(4);
        assertThat(info.positions()).isEqualTo(4);
    }

    @Test
    void the_hash_ignores_the_name_but_not_a_single_unit_of_a_balance() {
        AccountSet set = book("a");
        assertThat(ContentHash.accountSet(book("b"))).isEqualTo(ContentHash.accountSet(set));
        AccountSet richer = new AccountSet("a", set.markets(), List.of(cross("alice", "1000.500000000001",
                pos("BTCUSDT", Side.LONG, "0.25", "121000.1")), set.accounts().get(1), set.accounts().get(2),
                set.accounts().get(3)));
        assertThat(ContentHash.accountSet(richer)).isNotEqualTo(ContentHash.accountSet(set));
    }

    @Test
    void a_second_set_with_the_same_name_is_refused_and_the_first_is_untouched() {
        Map<String, BigDecimal> marks = Map.of("BTCUSDT", d("121000"), "XBTUSD", d("121000"));
        AccountSetInfo first = store.saveAccountSet(book("desk"), marks, "first", StoreProgress.NONE);
        assertThatThrownBy(() -> store.saveAccountSet(book("desk"), marks, "second", StoreProgress.NONE))
                .isInstanceOf(DuplicateNameException.class).hasMessageContaining("'desk' exists");
        assertThat(store.accountSets()).containsExactly(first);
    }

    @Test
    void a_set_whose_write_fails_half_way_leaves_nothing_behind() {
        AccountSet broken = new AccountSet("broken", Map.of("BTCUSDT", linear("BTCUSDT")), List.of(
                cross("alice", "10", pos("BTCUSDT", Side.LONG, "1", "100")),
                cross("bob", "10", pos("ETHUSDT", Side.LONG, "1", "100"))));
        assertThatThrownBy(() -> store.saveAccountSet(broken, Map.of("BTCUSDT", d("100")), "t", StoreProgress.NONE))
                .hasMessageContaining("unknown market ETHUSDT");
        assertThat(store.accountSets()).isEmpty();
        assertThat(rows("set_account") + rows("set_position") + rows("account_set")).isZero();
    }

    @Test
    void an_import_killed_mid_write_is_hidden_and_discarded_at_the_next_start() {
        store.saveAccountSet(book("desk"), Map.of("BTCUSDT", d("1"), "XBTUSD", d("1")), "t", StoreProgress.NONE);
        db.sql.sql("UPDATE account_set SET status = 'LOADING' WHERE name = ?").param("desk").update();

        assertThat(store.accountSets()).isEmpty();
        assertThat(store.discardUnfinished()).containsExactly(
                "account set 'desk' was interrupted while it was being written; it has been discarded");
        assertThat(rows("set_position")).isZero();
    }

    @Test
    void deleting_a_set_removes_its_rows() {
        store.saveAccountSet(book("desk"), Map.of("BTCUSDT", d("1"), "XBTUSD", d("1")), "t", StoreProgress.NONE);
        assertThat(store.deleteAccountSet("desk")).isTrue();
        assertThat(store.deleteAccountSet("desk")).isFalse();
        assertThat(rows("set_account") + rows("set_position") + rows("set_market")).isZero();
    }

    private int rows(String table) { return db.rows(table); }
}

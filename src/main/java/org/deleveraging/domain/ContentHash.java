package org.deleveraging.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;


/**
 * SHA-256 fingerprints of what a run is made of. An account set hashes in a canonical form (markets by symbol,
 * accounts by id, decimals without trailing zeros) so that the same book imported from CSV or JSON, or read back from
 * the store, has the same hash; its name is not part of it.
 */
public final class ContentHash {
    private ContentHash() {}

    public static String text(String text) {
        MessageDigest md = sha256();
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    public static String accountSet(AccountSet set) {
        MessageDigest md = sha256();
        List<Market> markets = new ArrayList<>(set.markets().values());
        markets.sort(Comparator.comparing(Market::symbol));
        for (Market m : markets) {
            put(md, "M", m.symbol(), m.type().name(), m.settlementAsset(), n(m.tickSize()), n(m.lotSize()),
                    n(m.contractValue()), n(m.liquidity().bidDepth()), n(m.liquidity().askDepth()),
                    n(m.liquidity().permanentImpact()));
        }
        List<Account> accounts = new ArrayList<>(set.accounts());
        accounts.sort(Comparator.comparing(Account::id));
        for (Account a : accounts) {
            put(md, "A", a.id(), a.mode().name(), n(a.walletBalance()));
            for (Position p : a.positions())
                put(md, "P", p.market(), p.side().name(), n(p.size()), n(p.entryPrice()), n(p.isolatedMargin()));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String n(BigDecimal v) { return Money.clean(v).toPlainString(); }

    private static void put(MessageDigest md, String... fields) {
        for (String f : fields) {
            md.update(f.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) '\n');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

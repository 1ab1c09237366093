package org.deleveraging.properties;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Position;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunResult;

/**
 * Contracts per position: how many each account held at the start (and the backstop vault once it took positions
 * over), how many the run closed (book fills, ADL on either side, hand-over to the backstop vault, venue takeover),
 * and which positions went through the waterfall to the end. A position is named "account market SIDE": the generator
 * gives an account one position per market.
 */
final class ContractTally {
    final Map<String, BigDecimal> held = new TreeMap<>();
    final Map<String, BigDecimal> closed = new TreeMap<>();
    /** Positions closed out as the bankrupt side of ADL or taken over by the venue: flat after the waterfall. */
    final Set<String> resolvedBankrupt = new HashSet<>();

    ContractTally(AccountSet set, RunResult run) {
        for (Account a : set.accounts())
            for (Position p : a.positions()) held.merge(key(a.id(), p.market(), p.side().name()), p.size(),
                    BigDecimal::add);
        for (RunEvent e : run.events()) {
            switch (e.kind()) {
                case LIQUIDATION -> close(key(e), e.size());
                case BACKSTOP -> {
                    if (e.size() == null) break;
                    close(key(e), e.size());
                    // the vault now holds it, and may be deleveraged for it like any other holder (issue 23)
                    held.merge(key("@vault:" + set.market(e.market()).settlementAsset(), e.market(), e.side()),
                            e.size(), BigDecimal::add);
                }
                case TAKEOVER -> {
                    close(key(e), e.size());
                    resolvedBankrupt.add(key(e));
                }
                case ADL -> {
                    close(key(e), e.size());
                    String bankrupt = bankruptKey(e);
                    close(bankrupt, e.size());
                    resolvedBankrupt.add(bankrupt);
                }
                default -> { }
            }
        }
    }

    /** The bankrupt position an ADL event closed against: the counterparty's, same market, the other side. */
    static String bankruptKey(RunEvent adl) {
        return key(adl.counterpartyId(), adl.market(), "LONG".equals(adl.side()) ? "SHORT" : "LONG");
    }

    static String key(RunEvent e) { return key(e.accountId(), e.market(), e.side()); }

    static String key(String account, String market, String side) { return account + " " + market + " " + side; }

    private void close(String key, BigDecimal size) { closed.merge(key, size, BigDecimal::add); }
}

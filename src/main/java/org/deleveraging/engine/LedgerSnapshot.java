package org.deleveraging.engine;

import java.math.BigDecimal;

/**
 * The ledger's lines for one settlement asset at one moment. Their sum, {@link #total()}, is the same at the start
 * and the end of every run: value is only ever moved between lines.
 *
 * @param accounts the equity of every account (its pools' cash: positions are settled at the mark)
 * @param book the market outside the account set: fills' counterparties and holders of the net open interest
 * @param badDebt losses nobody absorbed, as a negative amount
 */
public record LedgerSnapshot(String asset, BigDecimal accounts, BigDecimal insuranceFunds, BigDecimal backstop,
                             BigDecimal book, BigDecimal badDebt) {

    public BigDecimal total() {
        return org.deleveraging.domain.Money.clean(accounts.add(insuranceFunds).add(backstop).add(book).add(badDebt));
    }
}

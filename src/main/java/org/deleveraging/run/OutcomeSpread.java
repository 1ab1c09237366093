package org.deleveraging.run;

import java.math.BigDecimal;

/**
 * How differently a set of runs treated one account: the spread (largest minus smallest) of the haircut it took and
 * of the notional it had liquidated, counting an account a run left alone as zero.
 */
public record OutcomeSpread(String accountId, BigDecimal haircutSpread, BigDecimal liquidationSpread,
        int runsTouching) {}

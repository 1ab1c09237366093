package org.deleveraging.run;

import java.math.BigDecimal;

/**
 * How an account entered a scenario, independent of any policy, so that two runs over the same set and scenario sort
 * their accounts into the same leverage bands and profit deciles.
 *
 * @param equity wallet plus isolated margins plus unrealised profit at the scenario's start marks
 * @param leverage notional over equity at the start marks; null when equity is zero or less (under water)
 * @param profit unrealised profit against entry at the scenario's stress marks, had nothing been liquidated or
 *               deleveraged: what makes an account a "winner" of the scenario
 */
public record AccountProfile(String accountId, BigDecimal equity, BigDecimal leverage, BigDecimal profit) {

    public boolean winner() { return profit.signum() > 0; }
}

package org.deleveraging.accounts;

import java.math.BigDecimal;
import java.util.Map;

import org.deleveraging.domain.AccountSet;

/**
 * An account set read back from the store, with the reference mark of each market: the price at which the set is
 * summarised (leverage, distance to liquidation) when no scenario is in play.
 */
public record StoredAccountSet(AccountSetInfo info, AccountSet set, Map<String, BigDecimal> referenceMarks) {}

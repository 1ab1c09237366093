package org.deleveraging.cases;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import org.deleveraging.domain.AccountSet;

/**
 * What a case is given: the book, the insurance funds and backstop capital it opens with (null when the case leaves
 * them to a named scenario), and the policy parameters it overrides.
 */
record Given(AccountSet accounts, Map<String, BigDecimal> insuranceFunds, Map<String, BigDecimal> backstop,
             Map<String, BigDecimal> parameters) {

    /** The given accounts' ids, and {@code @vault:ASSET} for each backstop vault given: its positions can be ADL'd. */
    Set<String> accountIds() {
        Set<String> out = new java.util.HashSet<>();
        accounts.accounts().forEach(a -> out.add(a.id()));
        if (backstop != null) backstop.keySet().forEach(asset -> out.add("@vault:" + asset));
        return out;
    }
}

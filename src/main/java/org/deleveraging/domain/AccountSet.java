package org.deleveraging.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A named book of accounts over a set of markets: what a policy runs against. */
public record AccountSet(String name, Map<String, Market> markets, List<Account> accounts)
        implements java.io.Serializable {
    public AccountSet {
        markets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(markets));
        accounts = List.copyOf(accounts);
    }

    public Market market(String symbol) {
        Market m = markets.get(symbol);
        if (m == null) throw new IllegalArgumentException("unknown market " + symbol);
        return m;
    }
}

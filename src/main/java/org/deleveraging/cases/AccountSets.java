package org.deleveraging.cases;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.input.InputException;

/**
 * The account sets a baseline can name. Each is rebuilt deterministically from code, so a baseline needs no data
 * file beside it; built once per JVM.
 */
final class AccountSets {
    static final String DEMO = "demo";
    private static final Map<String, AccountSet> BUILT = new ConcurrentHashMap<>();

    private AccountSets() {}

    static List<String> names() { return List.of(DEMO); }

    static AccountSet named(String name, String source) {
        if (!names().contains(name))
            throw new InputException(source, 0, "accounts",
                    "no account set '" + name + "'; known: " + String.join(", ", names()));
        return BUILT.computeIfAbsent(name, n -> DemoData.accountSet());
    }
}

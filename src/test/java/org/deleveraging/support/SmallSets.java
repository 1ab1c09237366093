package org.deleveraging.support;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.GeneratorSettings;
import org.deleveraging.accounts.StoreProgress;

/** Account sets shaped like the demo set, only smaller, for tests that run the whole workbench below the shell. */
public final class SmallSets {
    private SmallSets() {}

    /** Generates {@code accounts} accounts like the demo set's (seed 42) and stores them as {@code name}. */
    public static void generate(AccountSetService sets, String name, int accounts) {
        GeneratorSettings d = DemoData.settings();
        sets.generate(name,
                new GeneratorSettings(accounts, d.markets(), d.startPrices(), d.medianLeverage(), d.leverageSpread(),
                d.maxLeverage(), d.longShare(), d.isolatedShare(), d.whaleShare(), d.whaleMultiplier(),
                d.meanNotional(), d.positionsPerAccount(), 42), StoreProgress.NONE);
    }
}

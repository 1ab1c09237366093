package org.deleveraging.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.engine.Cancellation;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.input.InputException;

/**
 * Account sets: imported from CSV or JSON, generated from the risk team's knobs, summarised, deleted. An import is
 * read and checked in full before anything is written, and written all-or-nothing.
 */
public final class AccountSetService {
    public static final String DEMO = "demo";

    private final AccountSetRepository store;

    public AccountSetService(AccountSetRepository store) { this.store = store; }

    /**
     * Imports a file (format by extension: .csv or .json) under {@code name}, or the file's base name.
     *
     * @param marketsFile the markets the set trades, or null for the demo markets
     */
    public AccountSetInfo importFile(Path file, String name, Path marketsFile, StoreProgress progress) {
        return importFile(file, name, marketsFile, progress, Cancellation.NEVER);
    }

    /**
     * As {@link #importFile(Path, String, Path, StoreProgress)}, stopped by {@code cancel} with
     * {@link Cancellation.Cancelled} once the file is read or at the store's next chunk; the store rolls the set back
     * and removes its row, so a cancelled import leaves nothing.
     */
    public AccountSetInfo importFile(Path file, String name, Path marketsFile, StoreProgress progress,
            Cancellation cancel) {
        String display = file.toString().replace('\\', '/');
        if (!Files.isRegularFile(file)) throw new InputException(display, 0, null, "no such file");
        String base = file.getFileName().toString();
        String ext = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String setName = name == null || name.isBlank()
                ? base.substring(0, base.length() - (ext.isEmpty() ? 0 : ext.length() + 1)) : name;
        checkName(setName);
        if (store.accountSet(setName).isPresent())
            throw new InputException("an account set named '" + setName
                    + "' exists; delete it first or choose another --name");
        KnownMarkets markets = marketsFile == null ? KnownMarkets.demo() : KnownMarkets.read(marketsFile);
        AccountRows rows = switch (ext) {
            case "csv" -> AccountCsvReader.read(file, display, markets);
            case "json" -> AccountJsonReader.read(file, display, markets);
            default ->
                    throw new InputException(display, 0, null, "unknown format '." + ext + "'; import .csv or .json");
        };
        if (rows.accountCount() == 0) throw new InputException(display, 0, null, "the file holds no accounts");
        KnownMarkets used = rows.used();
        if (used.markets().isEmpty()) throw new InputException(display, 0, null, "the file holds no positions");
        AccountSet set = new AccountSet(setName, used.markets(), rows.accounts());
        String source = display
                + (marketsFile == null ? "" : " with markets " + marketsFile.toString().replace('\\', '/'));
        cancel.check();
        return store.saveAccountSet(set, used.marks(), source, checked(progress, cancel));
    }

    /** Generates a set from the knobs and stores it; the same settings give the same set, to the last unit. */
    public AccountSetInfo generate(String name, GeneratorSettings settings, StoreProgress progress) {
        return generate(name, settings, progress, Cancellation.NEVER);
    }

    /** As {@link #generate(String, GeneratorSettings, StoreProgress)}, stopped by {@code cancel} as an import is. */
    public AccountSetInfo generate(String name, GeneratorSettings settings, StoreProgress progress,
            Cancellation cancel) {
        checkName(name);
        if (store.accountSet(name).isPresent())
            throw new InputException("an account set named '" + name
                    + "' exists; delete it first or choose another --name");
        if (settings.accounts() < 1) throw new InputException("generate: accounts: must be at least 1");
        AccountSet set = new AccountSetGenerator().generate(name, settings);
        java.util.Map<String, java.math.BigDecimal> marks = new java.util.LinkedHashMap<>();
        for (int i = 0; i < settings.markets().size(); i++)
            marks.put(settings.markets().get(i).symbol(), settings.startPrices().get(i));
        cancel.check();
        return store.saveAccountSet(set, marks, describe(settings), checked(progress, cancel));
    }

    /** The store's progress, with a check point at every chunk it writes. */
    private static StoreProgress checked(StoreProgress progress, Cancellation cancel) {
        if (cancel == Cancellation.NEVER) return progress;
        return (done, total) -> {
            cancel.check();
            progress.onRows(done, total);
        };
    }

    /** Generates the demo set unless a set of that name exists; returns it when it was created. */
    public Optional<AccountSetInfo> createDemo() {
        if (store.accountSet(DEMO).isPresent()) return Optional.empty();
        return Optional.of(generate(DEMO, DemoData.settings(), StoreProgress.NONE));
    }

    public List<AccountSetInfo> list() { return store.accountSets(); }

    public List<String> names() { return store.accountSets().stream().map(AccountSetInfo::name).toList(); }

    public StoredAccountSet load(String name) {
        return store.loadAccountSet(name).orElseThrow(() -> unknown(name));
    }

    public AccountSetSummary summary(String name, PolicySettings.Margin margin) {
        return AccountSetSummary.of(load(name), margin::forMarket, 10);
    }

    public void delete(String name) {
        if (!store.deleteAccountSet(name)) throw unknown(name);
    }

    private InputException unknown(String name) {
        List<String> known = names();
        return new InputException("no account set '" + name + "'; known: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"))
            throw new InputException("--name: '" + name
                    + "' is not a set name: one word of letters, digits, '-', '_' or '.'");
    }

    static String describe(GeneratorSettings s) {
        return String.format(Locale.ROOT, "generated: accounts=%d markets=%s median-leverage=%s leverage-spread=%s "
                        + "max-leverage=%s long-share=%s isolated-share=%s whale-share=%s whale-multiplier=%s "
                        + "mean-notional=%s positions-per-account=%d seed=%d safety-margin=%s unhealthy-share=%s",
                s.accounts(), String.join("+", s.markets().stream().map(m -> m.symbol()).toList()), s.medianLeverage(),
                s.leverageSpread(), s.maxLeverage(), s.longShare(), s.isolatedShare(), s.whaleShare(),
                s.whaleMultiplier(),
                s.meanNotional(), s.positionsPerAccount(), s.seed(), s.safetyMargin(), s.unhealthyShare());
    }
}

package org.deleveraging.shell;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Market;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.accounts.GeneratorSettings;
import org.deleveraging.input.InputException;
import org.deleveraging.accounts.AccountSetInfo;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.accounts.AccountSetSummary;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunReports;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code accounts import|generate|list|show|delete}: the books a policy runs against. */
@Command(command = "accounts", group = "Account sets")
public class AccountsCommands {
    private final AccountSetService sets;
    private final PolicyRegistry policies;
    private final Interrupts interrupts;
    private final RunReports reports;
    private final Confirmation confirmation;

    public AccountsCommands(AccountSetService sets, PolicyRegistry policies, Interrupts interrupts,
                            RunReports reports, Confirmation confirmation) {
        this.reports = reports;
        this.confirmation = confirmation;
        this.sets = sets;
        this.policies = policies;
        this.interrupts = interrupts;
    }

    @Command(command = "import",
            description = "Import an account set from CSV or JSON (see src/docs/workbench.md); nothing is"
            + " stored if any row is wrong.")
    public String importSet(
            @Option(longNames = "file", required = true, description = "a .csv or .json file") String file,
            @Option(longNames = "name", description = "the set's name (default: the file name)") String name,
            @Option(longNames = "markets", description = "a YAML file of markets (default: the demo markets)")
            String markets,
            CommandContext ctx) {
        Progress bar = new Progress(ctx.getTerminal());
        AccountSetInfo info;
        try (Interrupts.Command command = interrupts.begin()) {
            info = sets.importFile(Path.of(file), name, markets == null ? null : Path.of(markets),
                    (done, total) -> bar.update("storing", done, total), command.cancellation());
        } finally {
            bar.done();
        }
        return "imported " + info.name() + ": " + info.accounts() + " accounts, " + info.positions()
                + " positions, hash " + Show.shortHash(info.hash()) + "\n";
    }

    @Command(command = "generate",
            description = "Generate a synthetic account set (seeded: the same options give the same"
            + " set). Unset knobs take the demo's values. --max-leverage is a hard cap on every account's notional over"
            + " equity at the start marks; every account starts with equity of at least (1 + safety margin) x its"
            + " reference maintenance margin, except the --unhealthy-share drawn below it (src/docs/workbench.md,"
            + " \"Generated account sets\")")
    public String generate(@Option(longNames = "name", required = true, description = "the new set's name") String name,
                           @Option(longNames = "accounts", description = "number of accounts") Integer accounts,
                           @Option(longNames = "markets", description = "comma-separated demo markets")
                           @OptionValues(provider = "demoMarkets") String markets,
                           @Option(longNames = "median-leverage",
                                   description = "median leverage") Double medianLeverage,
                           @Option(longNames = "leverage-spread", description = "sigma of log(leverage)") Double spread,
                           @Option(longNames = "max-leverage", description = "leverage cap") Double maxLeverage,
                           @Option(longNames = "long-share",
                                   description = "share of positions that are long (0..1)") Double longShare,
                           @Option(longNames = "isolated-share",
                                   description = "share of isolated accounts (0..1)") Double isolatedShare,
                           @Option(longNames = "whale-share",
                                   description = "share of whale accounts (0..1)") Double whaleShare,
                           @Option(longNames = "whale-multiplier",
                                   description = "how much larger a whale's positions are") Double whaleMultiplier,
                           @Option(longNames = "mean-notional",
                                   description = "typical position notional") Double meanNotional,
                           @Option(longNames = "positions-per-account",
                                   description = "most positions per account") Integer perAccount,
                           @Option(longNames = "seed", description = "fixes every draw") Long seed,
                           @Option(longNames = "safety-margin",
                                   description = "equity at least (1 + this) x maintenance at the start marks")
                                   Double safetyMargin,
                           @Option(longNames = "unhealthy-share",
                                   description = "share of accounts drawn below maintenance (0..1)")
                                   Double unhealthyShare,
                           CommandContext ctx) {
        GeneratorSettings d = DemoData.settings();
        List<Market> chosen = d.markets();
        List<BigDecimal> prices = d.startPrices();
        if (markets != null) {
            chosen = new ArrayList<>();
            prices = new ArrayList<>();
            Map<String, BigDecimal> marks = DemoData.startMarks();
            for (String symbol : markets.split(",")) {
                String s = symbol.trim();
                Market m = d.markets().stream().filter(x -> x.symbol().equals(s)).findFirst().orElseThrow(() ->
                        new InputException("--markets: unknown market " + s + "; the generator knows "
                                + String.join(", ", d.markets().stream().map(Market::symbol).toList())));
                chosen.add(m);
                prices.add(marks.get(s));
            }
        }
        GeneratorSettings s;
        try {
            s = new GeneratorSettings(or(accounts, d.accounts()), chosen, prices,
                or(medianLeverage, d.medianLeverage()), or(spread, d.leverageSpread()),
                or(maxLeverage, d.maxLeverage()),
                share("long-share", or(longShare, d.longShare())),
                share("isolated-share", or(isolatedShare, d.isolatedShare())),
                share("whale-share", or(whaleShare, d.whaleShare())), or(whaleMultiplier, d.whaleMultiplier()),
                or(meanNotional, d.meanNotional()), or(perAccount, d.positionsPerAccount()), or(seed, d.seed()),
                or(safetyMargin, d.safetyMargin()), share("unhealthy-share", or(unhealthyShare, d.unhealthyShare())),
                d.maintenance());
        } catch (IllegalArgumentException e) {
            throw new InputException("accounts generate: " + e.getMessage());
        }
        if (s.medianLeverage() <= 0 || s.maxLeverage() <= 0 || s.meanNotional() <= 0 || s.positionsPerAccount() < 1)
            throw new InputException("generate: leverage, mean notional and positions per account must be positive");
        Progress bar = new Progress(ctx.getTerminal());
        AccountSetInfo info;
        try (Interrupts.Command command = interrupts.begin()) {
            info = sets.generate(name, s, (done, total) -> bar.update("storing", done, total), command.cancellation());
        } finally {
            bar.done();
        }
        return "generated " + info.name() + ": " + info.accounts() + " accounts, " + info.positions()
                + " positions, hash " + Show.shortHash(info.hash()) + "\n";
    }

    @Command(command = "list", description = "List the stored account sets.")
    public String list() {
        TextTable t = new TextTable("name", ">accounts", ">positions", "hash", "source");
        for (AccountSetInfo i : sets.list()) t.row(i.name(), i.accounts(), i.positions(), Show.shortHash(i.hash()),
                i.source());
        return t.isEmpty() ? "no account sets; try 'accounts generate --name demo2'\n" : t.toString();
    }

    @Command(command = "show", description = "Summarise an account set at its reference marks with the policy in use's"
            + " margin tiers: open interest per side, leverage percentiles, the accounts nearest liquidation.")
    public String show(@Option(longNames = "name", required = true, description = "the account set")
                       @OptionValues(provider = "accountSetNames") String name) {
        AccountSetSummary s = sets.summary(name, policies.active().settings().margin());
        StringBuilder b = new StringBuilder();
        AccountSetInfo i = s.info();
        b.append(i.name()).append(": ").append(i.accounts()).append(" accounts, ").append(i.positions())
                .append(" positions, hash ").append(i.hash()).append("\nsource: ").append(i.source())
                .append("\n\nopen interest\n");
        TextTable oi = new TextTable("market", ">mark", ">longs", ">long size", ">long notional", ">shorts",
                ">short size", ">short notional");
        for (AccountSetSummary.OpenInterest o : s.openInterest())
            oi.row(o.market(), Show.num(o.mark()), o.longs(), Show.num(o.longSize()), Show.money(o.longNotional()),
                    o.shorts(), Show.num(o.shortSize()), Show.money(o.shortNotional()));
        b.append(oi).append("\nleverage (notional / equity): p50 ").append(Show.times(s.leverage()[0])).append(", p90 ")
                .append(Show.times(s.leverage()[1])).append(", p99 ").append(Show.times(s.leverage()[2]))
                .append(", max ")
                .append(Show.times(s.leverage()[3])).append("; under water at the marks: ").append(s.underWater())
                .append('\n');
        b.append("\nnearest liquidation (margin ratio = equity / maintenance, with ").append(policies.active().id())
                .append("'s tiers)\n");
        TextTable near = new TextTable("account", "pool", ">equity", ">maintenance", ">margin ratio",
                ">move to liquidation");
        for (AccountSetSummary.AtRisk r : s.nearestLiquidation())
            near.row(r.accountId(), r.pool(), Show.money(r.equity()), Show.money(r.maintenance()),
                    Show.times(r.marginRatio()), Show.pct(r.moveToLiquidation()));
        return b.append(near).toString();
    }

    @Command(command = "delete",
            description = "Delete an account set; runs that used it keep their results (reproducing them"
            + " then needs the same accounts imported again). Asks first in the interactive shell; --yes does not ask.")
    public String delete(@Option(longNames = "name", required = true, description = "the account set")
                         @OptionValues(provider = "accountSetNames") String name,
                         @Option(longNames = "yes",
                                 description = "delete without asking (needed in a script or one command)")
                                 boolean yes) {
        AccountSetInfo info = sets.list().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        if (info == null) {
            sets.delete(name);  // says which sets there are
            return "";
        }
        long used = reports.list().stream().filter(r -> name.equals(r.provenance().setName())
                && info.hash().equals(r.provenance().setHash())).count();
        String what = "account set '" + name + "' (" + info.accounts() + " accounts, used by " + runs(used) + ")";
        if (!yes) {
            if (!confirmation.canAsk())
                throw new InputException("accounts delete: not deleted without --yes outside the interactive shell; "
                        + "add --yes to delete " + what);
            if (!confirmation.ask("delete " + what + "?")) return "not deleted\n";
        }
        sets.delete(name);
        return deleted(name, info.hash(), used);
    }

    static String runs(long n) { return n == 1 ? "1 stored run" : n + " stored runs"; }

    /** What deleting did, and what the runs that used the set need to be reproduced. */
    static String deleted(String name, String hash, long used) {
        if (used == 0) return "deleted " + name + "; no stored run used it\n";
        return "deleted " + name + "; " + runs(used) + " used it and keep" + (used == 1 ? "s" : "") + " "
                + (used == 1 ? "its" : "their")
                + " results; 'runs reproduce' needs the same accounts imported again as '" + name + "' (hash "
                + Show.shortHash(hash) + ")\n";
    }

    private static <T> T or(T given, T fallback) { return given == null ? fallback : given; }

    private static double share(String option, double v) {
        if (v < 0 || v > 1) throw new InputException("--" + option + ": must be between 0 and 1, got " + v);
        return v;
    }
}

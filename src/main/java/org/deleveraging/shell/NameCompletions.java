package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.deleveraging.domain.Account;
import org.deleveraging.domain.Market;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.input.InputException;
import org.deleveraging.accounts.StoredAccountSet;
import org.deleveraging.run.StoredRun;
import org.deleveraging.sweep.SweepService;
import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.policy.PolicyRegistry;
import org.deleveraging.run.RunReports;
import org.deleveraging.scenario.ScenarioService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/**
 * Tab completion of the names a command takes: policies, account sets, scenarios, runs and sweeps (newest first); the
 * account
 * ids and markets of the run named by the line's {@code --run}; the demo markets {@code accounts generate} knows.
 */
@Configuration(proxyBeanMethods = false)
class NameCompletions {
    /** At most this many account ids are proposed; beyond it, the next characters (as a shell completes a folder). */
    static final int MAX_IDS = 100;

    @Bean
    CompletionProvider policyNames(PolicyRegistry policies) {
        return ctx -> policies.list().stream().map(e -> new CompletionProposal(e.id())
                .description(e.policy().map(p -> p.name()).orElse("does not load") + (e.active() ? " (in use)" : "")))
                .toList();
    }

    @Bean
    CompletionProvider accountSetNames(AccountSetService sets) {
        return ctx -> sets.list().stream()
                .map(s -> new CompletionProposal(s.name()).description(s.accounts() + " accounts")).toList();
    }

    @Bean
    CompletionProvider scenarioNames(ScenarioService scenarios) {
        return ctx -> scenarios.names().stream().map(CompletionProposal::new).toList();
    }

    @Bean
    CompletionProvider runNames(RunReports runs) {
        return ctx -> {
            List<StoredRun> all = runs.completions();
            return all.stream().map(r -> new CompletionProposal(String.valueOf(r.id())).description(r.label()))
                    .toList();
        };
    }

    @Bean
    CompletionProvider sweepNames(SweepService sweeps) {
        return ctx -> sweeps.list().stream().map(s -> new CompletionProposal(String.valueOf(s.id()))
                .description(s.name() + ", " + s.finished() + " of " + s.points() + " points")).toList();
    }

    /** {@code explain --account}, {@code adl-queue --account}: the ids of the account set the line's run used. */
    @Bean
    CompletionProvider runAccountIds(RunReports runs, AccountSetService sets) {
        RunAccounts accounts = new RunAccounts(sets);
        return ctx -> run(runs, ctx).map(r -> ids(accounts.ids(r), typed(ctx))).orElse(List.of());
    }

    /** {@code adl-queue --market}: the markets of the line's run. */
    @Bean
    CompletionProvider runMarkets(RunReports runs) {
        return ctx -> run(runs, ctx).map(r -> runs.show(String.valueOf(r.id())).steps().stream().findFirst()
                .map(s -> new TreeSet<>(s.marks().keySet()).stream().map(CompletionProposal::new).toList())
                .orElse(List.of())).orElse(List.of());
    }

    /** {@code accounts generate --markets}: the demo markets, comma-separated; each proposal extends what is typed. */
    @Bean
    CompletionProvider demoMarkets() {
        return ctx -> commaList(DemoData.markets().stream().map(Market::symbol).toList(), typed(ctx));
    }

    /** The run named by the line's {@code --run} (a number, {@code #3} or {@code last}), if it names one. */
    private static Optional<StoredRun> run(RunReports runs, CompletionContext ctx) {
        List<String> words = ctx.getWords();
        int i = words.indexOf("--run");
        if (i < 0 || i + 1 >= words.size() || words.get(i + 1).isBlank()) return Optional.empty();
        try {
            return Optional.of(runs.run(words.get(i + 1)));
        } catch (InputException e) {
            return Optional.empty();
        }
    }

    private static String typed(CompletionContext ctx) {
        String w = ctx.currentWordUpToCursor();
        return w == null || w.startsWith("-") ? "" : w;
    }

    /**
     * The ids starting with {@code typed} ({@code sorted} in order): all of them when there are at most
     * {@link #MAX_IDS}; else the shortest longer prefixes that split them into at most that many groups, each
     * proposed as incomplete (no space after it), so TAB narrows a set of a million accounts a character at a time.
     */
    static List<CompletionProposal> ids(String[] sorted, String typed) {
        int from = lowerBound(sorted, typed);
        int to = from;
        while (to < sorted.length && sorted[to].startsWith(typed)) to++;
        if (to - from <= MAX_IDS) return Arrays.stream(sorted, from, to).map(CompletionProposal::new).toList();
        for (int len = typed.length() + 1; ; len++) {
            List<CompletionProposal> groups = new ArrayList<>();
            String last = null;
            boolean longer = false;
            for (int i = from; i < to && groups.size() <= MAX_IDS; i++) {
                String p = sorted[i].length() <= len ? sorted[i] : sorted[i].substring(0, len);
                longer |= sorted[i].length() > len;
                if (!p.equals(last)) groups.add(new CompletionProposal(p).complete(p.equals(sorted[i])));
                last = p;
            }
            if (groups.size() > 1 && groups.size() <= MAX_IDS || !longer) return groups;
            if (groups.size() > MAX_IDS) return groups.subList(0, MAX_IDS);
        }
    }

    private static int lowerBound(String[] sorted, String key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** For a comma-separated list: what is typed up to its last comma, followed by each value not yet in it. */
    static List<CompletionProposal> commaList(List<String> values, String typed) {
        int comma = typed.lastIndexOf(',');
        String head = typed.substring(0, comma + 1);
        List<String> given = Arrays.asList(head.split(","));
        return values.stream().filter(v -> !given.contains(v))
                .map(v -> new CompletionProposal(head + v).complete(false)).toList();
    }

    /** The account ids of the set a run used, sorted; the last set read is kept (one set, read once per set). */
    static final class RunAccounts {
        private final AccountSetService sets;
        private String hash;
        private String[] ids = new String[0];

        RunAccounts(AccountSetService sets) { this.sets = sets; }

        synchronized String[] ids(StoredRun run) {
            String wanted = run.provenance().setHash();
            if (wanted == null) return new String[0];
            if (wanted.equals(hash)) return ids;
            StoredAccountSet set;
            try {
                set = sets.load(run.provenance().setName());
            } catch (InputException e) {
                return new String[0];  // the set has been deleted
            }
            // a set re-imported under the name with other accounts is not the run's
            if (!wanted.equals(set.info().hash())) return new String[0];
            ids = set.set().accounts().stream().map(Account::id).sorted().toArray(String[]::new);
            hash = wanted;
            return ids;
        }
    }
}

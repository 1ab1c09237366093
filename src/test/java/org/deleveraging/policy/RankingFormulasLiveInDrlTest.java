package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Facts.candidate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.support.Facts.CandidateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 4: a venue's ranking formula is written in DRL, not in a fact's getter, so a committee changes it by
 * editing a file and reloading, without a rebuild. Binance's queue over two winners, before and after its formula is
 * edited on disk to rank by PnL% alone.
 */
class RankingFormulasLiveInDrlTest {
    @TempDir Path folder;

    /** PnL% 1,000 / 1,000 = 1.0, margin ratio 20 / 2,000 = 0.01: score 0.01. */
    static final AdlCandidate HIGH_PROFIT = shortFrom10000(1, "high-profit").mark("9000").maintenance("20").build();
    /** PnL% 500 / 1,000 = 0.5, margin ratio 150 / 1,500 = 0.1: score 0.05. */
    static final AdlCandidate HIGH_RISK = shortFrom10000(2, "high-risk").mark("9500").maintenance("150").build();

    @Test
    void editing_binance_s_formula_on_disk_and_reloading_reorders_the_queue() throws IOException {
        PolicyRegistry registry = new PolicyRegistry(PolicyFolders.copy(folder, "binance"), folder.resolve("rules"),
                "binance");
        assertThat(queue(registry)).containsExactly("high-risk", "high-profit");

        Path drl = folder.resolve("rules/ranking/binance-leverage-pnl.drl");
        String before = Files.readString(drl);
        String edited = before.replace("binancePnlPercent($c) * binanceMarginRatio($c)", "binancePnlPercent($c)");
        assertThat(edited).isNotEqualTo(before);
        Files.writeString(drl, edited);
        assertThat(registry.reload()).extracting(PolicyRegistry.Reloaded::outcome).containsExactly("changed");

        assertThat(queue(registry)).containsExactly("high-profit", "high-risk");
    }

    private static List<String> queue(PolicyRegistry registry) {
        return registry.get("binance").newDecisions().rank(List.of(HIGH_PROFIT, HIGH_RISK)).stream()
                .sorted(Comparator.comparingDouble(AdlScore::getScore).reversed()).map(AdlScore::getAccountId).toList();
    }

    /** A cross short of 1 from 10,000, alone in its account with a wallet of 1,000. */
    private static CandidateBuilder shortFrom10000(int ref, String account) {
        return candidate().ref(ref).account(account).side("SHORT").entry("10000").wallet("1000");
    }
}

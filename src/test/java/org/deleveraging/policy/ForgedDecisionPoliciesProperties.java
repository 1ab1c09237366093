package org.deleveraging.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.PolicyViolation;
import org.deleveraging.engine.RunListener;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.deleveraging.properties.World;
import org.deleveraging.properties.WorldDomain;
import org.deleveraging.support.Fixtures;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Rules that forge decisions are refused by the sandbox when a policy loads; compiled past those checks, the engine
 * still refuses to act on them. On every generated world, a policy whose rules forge a decision, once asked the
 * question it forges an answer to, stops the run with a {@link PolicyViolation}, and a run it completes is one where
 * the question never came up.
 */
class ForgedDecisionPoliciesProperties {
    private static final String HEAD =
            "package forged;\nimport org.deleveraging.facts.*;\nimport java.math.BigDecimal;\n"
            + "import org.deleveraging.facts.LayerChoice.Layer;\n\n";

    /** Each forgery, by name: the stage it answers and its rule. */
    private static final Map<String, String> FORGERIES = Map.of(
            "rank a position that was not a candidate", """
                    rule "FORGE-010 Score the next position instead"
                    when $c : AdlCandidate() then
                        insert(new AdlScore(new AdlCandidate($c.getRef() + 1, $c.getPoolId(), $c.getAccountId(), \
                    $c.getMarket(),
                            $c.getSide(), $c.getSize(), $c.getEntryPrice(), $c.getMark(), $c.getNotional(), \
                    $c.getEntryValue(),
                            $c.getUnrealizedPnl(), $c.getPoolEquity(), BigDecimal.ZERO, BigDecimal.ZERO, \
                    BigDecimal.ZERO, false),
                            1e9, "FORGE-010"));
                    end
                    """,
            "rank a candidate on the wrong side", """
                    rule "FORGE-010 Score a copy on the other side"
                    when $c : AdlCandidate() then
                        insert(new AdlScore(new AdlCandidate($c.getRef(), $c.getPoolId(), $c.getAccountId(), \
                    $c.getMarket(),
                            "LONG".equals($c.getSide()) ? "SHORT" : "LONG", $c.getSize(), $c.getEntryPrice(), \
                    $c.getMark(),
                            $c.getNotional(), $c.getEntryValue(), $c.getUnrealizedPnl(), $c.getPoolEquity(), \
                    BigDecimal.ZERO,
                            BigDecimal.ZERO, BigDecimal.ZERO, false), 1e9, "FORGE-010"));
                    end
                    """,
            "score NaN", """
                    rule "FORGE-010 Score not a number"
                    when $c : AdlCandidate() then
                        insert(new AdlScore($c, 0.0 / 0.0, "FORGE-010"));
                    end
                    """,
            "liquidate a pool that was not at risk", """
                    rule "FORGE-010 Liquidate the next pool"
                    when $r : PoolRisk() then
                        insert(LiquidationDecision.closeAll(new PoolRisk(-1 - $r.getPoolId(), $r.getAccountId(), \
                    $r.isIsolated(),
                            $r.getMarket(), $r.getEquity(), $r.getMaintenanceMargin(), $r.getNotional(), $r.getTier(),
                            $r.getStep(), $r.getRound()), "FORGE-010", "forged"));
                    end
                    """,
            "choose a layer for another pool", """
                    rule "FORGE-010 Send the next pool to ADL"
                    when $s : Shortfall() then
                        insert(new LayerChoice(new Shortfall(-1 - $s.getPoolId(), $s.getAccountId(), $s.getMarket(), \
                    $s.getAsset(),
                            $s.getUnfilledSize(), $s.getUnfilledNotional(), $s.getDeficit(), $s.getStep()), Layer.ADL, \
                    10,
                            "FORGE-010", "forged"));
                    end
                    """,
            "price ADL at zero", """
                    rule "FORGE-010 Close at nothing"
                    when $p : AdlPricing() then
                        insert(new AdlClosePrice($p, BigDecimal.ZERO, "FORGE-010", "forged"));
                    end
                    """,
            "price a position ADL did not ask about", """
                    rule "FORGE-010 Price the next position"
                    when $p : AdlPricing() then
                        insert(new AdlClosePrice(new AdlPricing($p.getRef() + 1, $p.getPoolId(), $p.getAccountId(), \
                    $p.getMarket(),
                            $p.getSide(), $p.getSize(), $p.getBankruptcyPrice(), $p.getMark(), $p.getPreviousMark(),
                            $p.getTickSize()), $p.getMark(), "FORGE-010", "forged"));
                    end
                    """);

    /** The temporary folders of the compiled forgeries, removed when the container is done. */
    private static final java.util.List<Path> folders = new java.util.ArrayList<>();

    private static Map<String, Policy> policies;

    @Property(tries = 40)
    @Domain(WorldDomain.class)
    void a_forged_decision_stops_the_run(@ForAll World world) {
        for (var forgery : policies().entrySet()) {
            AtomicBoolean asked = new AtomicBoolean();
            Throwable stopped = catchThrowable(() -> new Engine().run(forgery.getValue().settings(),
                    watching(forgery.getValue().newDecisions(), forgery.getKey(), asked), world.accounts(),
                    world.scenario(), world.scenario().seed(), RunListener.NONE));
            if (asked.get())
                assertThat(stopped).as(forgery.getKey()).isInstanceOf(PolicyViolation.class)
                        .hasMessageContaining("FORGE-010");
            else
                assertThat(stopped).as(forgery.getKey() + ", never asked").isNull();
            Statistics.label(forgery.getKey()).collect(asked.get() ? "asked and stopped" : "never asked");
            // a property no world ever exercised would pass for nothing
            Statistics.label(forgery.getKey()).coverage(c -> c.check("asked and stopped").count((Integer n) -> n > 0));
        }
    }

    /** The question each forgery answers: a run that asks it, with something to decide on, must be stopped. */
    private static Decisions watching(Decisions rules, String forgery, AtomicBoolean asked) {
        return new Decisions() {
            @Override public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
                if (forgery.startsWith("liquidate") && !risks.isEmpty()) asked.set(true);
                return rules.liquidations(risks);
            }

            @Override public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
                if (forgery.startsWith("choose")) asked.set(true);
                return rules.waterfall(shortfall, fund, backstop);
            }

            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                if ((forgery.startsWith("rank") || forgery.startsWith("score"))
                        && !candidates.isEmpty()) asked.set(true);
                return rules.rank(candidates);
            }

            @Override public List<org.deleveraging.facts.AdlClosePrice> adlClosePrices(
                    List<org.deleveraging.facts.AdlPricing> positions) {
                if (forgery.startsWith("price") && !positions.isEmpty()) asked.set(true);
                return rules.adlClosePrices(positions);
            }
        };
    }

    /** Each forgery on top of BitMEX's honest rules, compiled once, past the sandbox's checks. */
    private static synchronized Map<String, Policy> policies() {
        if (policies == null) {
            Map<String, Policy> out = new java.util.TreeMap<>();
            int n = 0;
            for (var f : FORGERIES.entrySet()) {
                try {
                    Path dir = Files.createTempDirectory("forged");
                    folders.add(dir);
                    Path folder = dir.resolve("forged" + n++);
                    Files.createDirectories(folder);
                    String yaml = Files.readString(Fixtures.ROOT.resolve("policies/bitmex/policy.yaml"))
                            .replace("id: bitmex", "id: " + folder.getFileName());
                    Files.writeString(folder.resolve("policy.yaml"), yaml);
                    Files.writeString(folder.resolve("forged.drl"), HEAD + f.getValue());
                    out.put(f.getKey(), PolicyLoader.withoutSandboxChecks(Fixtures.ROOT.resolve("rules")).load(folder));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            policies = out;
        }
        return policies;
    }

    @AfterContainer
    static synchronized void forget() throws IOException {
        policies = null;
        for (Path dir : folders)
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        folders.clear();
    }
}

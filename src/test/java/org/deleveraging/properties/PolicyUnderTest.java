package org.deleveraging.properties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.PlainPolicy;
import org.deleveraging.engine.PolicySettings;
import org.deleveraging.engine.PolicySettings.AdlAllocation;
import org.deleveraging.engine.PlainPolicy.ClosePrice;
import org.deleveraging.engine.PolicySettings.FundGranularity;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.PolicySettings.Period;
import org.deleveraging.engine.PolicySettings.SurplusTo;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision.Action;
import org.deleveraging.policy.Policy;
import org.deleveraging.support.Fixtures;

/**
 * A policy the invariants are checked for: every folder in {@code policies/} (so a policy added later is covered
 * without touching the tests), and a few engine configurations in plain Java that reach every mechanism of the
 * engine (socialised loss, the backstop vault, pro-rata and round-robin ADL, every close price, partial
 * liquidation) whichever policies exist.
 */
public record PolicyUnderTest(String name, PolicySettings settings, Supplier<Decisions> decisions) {

    public RunResult run(World world) {
        return new Engine().run(settings, decisions.get(), world.accounts(), world.scenario(), world.scenario().seed(),
                RunListener.NONE);
    }

    @Override public String toString() { return name; }

    private static List<PolicyUnderTest> all;

    /** Every policy on disk, compiled once per test JVM, then the engine configurations. */
    public static synchronized List<PolicyUnderTest> all() {
        if (all == null) {
            List<PolicyUnderTest> out = new ArrayList<>();
            for (String id : folders()) {
                Policy p = Fixtures.policy(id);
                out.add(new PolicyUnderTest(id, p.settings(), p::newDecisions));
            }
            out.addAll(engineConfigurations());
            all = List.copyOf(out);
        }
        return all;
    }

    static List<String> folders() {
        try (Stream<Path> dirs = Files.list(Fixtures.ROOT.resolve("policies"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("policy.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list policies/", e);
        }
    }

    private static List<PolicyUnderTest> engineConfigurations() {
        return List.of(
                plain("engine:socialised", PlainPolicy.plain().layers(Layer.INSURANCE_FUND, Layer.SOCIALIZED_LOSS)
                        .haircutCaps("0.8", true)),
                plain("engine:backstop-pro-rata-blend", PlainPolicy.plain().action(Action.BACKSTOP).slippage("0.02")
                        .funds(FundGranularity.SHARED).layers(Layer.BACKSTOP, Layer.INSURANCE_FUND, Layer.ADL)
                        .allocation(AdlAllocation.PRO_RATA_BY_SIZE).closePrice(ClosePrice.BLEND)),
                plain("engine:round-robin-previous-mark", PlainPolicy.plain().orderLimit(OrderLimit.BANKRUPTCY)
                        .feeRate("0.005").surplusTo(SurplusTo.TRADER).closeOutMovesMark(false)
                        .allocation(AdlAllocation.ROUND_ROBIN).closePrice(ClosePrice.PREVIOUS_MARK)),
                plain("engine:partial-queue-at-mark", PlainPolicy.plain().margin("0.02").action(Action.REDUCE_FRACTION)
                        .orderLimit(OrderLimit.BANKRUPTCY).maxRounds(3).funds(FundGranularity.NONE)
                        .layers(Layer.ADL, Layer.SOCIALIZED_LOSS).closePrice(ClosePrice.MARK)),
                // a fee to close in maintenance as large as allowed, so the margin watch's bound must count it
                plain("engine:fee-to-close-in-maintenance", PlainPolicy.plain().margin("0.01")
                        .feeToClose("0.0099", true).orderLimit(OrderLimit.BANKRUPTCY).screen("1")),
                // the per-round variants of the two periods (every policy above settles and ranks once per step)
                plain("engine:per-round-queue-and-clawback", PlainPolicy.plain().closePrice(ClosePrice.PREVIOUS_MARK)
                        .queueRefresh(Period.ROUND).haircutSettlement(Period.ROUND)
                        .layers(Layer.INSURANCE_FUND, Layer.ADL, Layer.SOCIALIZED_LOSS)));
    }

    private static PolicyUnderTest plain(String name, PlainPolicy p) {
        return new PolicyUnderTest(name, p.settings(), p::decisions);
    }
}

package org.deleveraging.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.deleveraging.engine.Decisions;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.policy.Policy;
import org.deleveraging.properties.World;
import org.deleveraging.properties.WorldDomain;
import org.deleveraging.support.Fixtures;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

/**
 * The rules and the plain-Java oracle of a policy, run by the same engine over the same generated account set and
 * shock, produce the same run: every step's metrics, every event (but its wording), every account's outcome, every
 * ADL queue, the funds, the bad debt and how often each rule fired. The statistics show that the tries reach the
 * interesting paths (ADL, haircuts, an exhausted fund), not only quiet markets.
 */
@Domain(WorldDomain.class)
class OracleAgreementProperties {

    @Property(tries = 60)
    void bitmexRulesAndOracleProduceTheSameRun(@ForAll World world) {
        Policy bitmex = Fixtures.policy("bitmex");
        RunResult rules = run(bitmex, bitmex.newDecisions(), world);
        RunResult oracle = run(bitmex, new BitmexOracle(), world);

        assertThat(RunComparison.differences(rules, oracle)).isEmpty();
        Statistics.label("bitmex reached").collect(deepest(rules));
        Statistics.label("bitmex reached").coverage(c -> c.check("ADL").percentage(p -> p >= 10));
    }

    @Property(tries = 60)
    void cappedProRataRulesAndOracleProduceTheSameRun(@ForAll World world) {
        Policy cappedProRata = Fixtures.policy("capped-pro-rata");
        RunResult rules = run(cappedProRata, cappedProRata.newDecisions(), world);
        RunResult oracle = run(cappedProRata, new CappedProRataOracle(), world);

        assertThat(RunComparison.differences(rules, oracle)).isEmpty();
        Statistics.label("capped-pro-rata reached").collect(deepest(rules));
        Statistics.label("capped-pro-rata reached")
                .coverage(c -> c.check("haircut").percentage(p -> p >= 10));
    }

    /** The policy's settings drive the engine either way; only who decides differs. */
    private static RunResult run(Policy policy, Decisions decisions, World world) {
        return new Engine().run(policy.settings(), decisions, world.accounts(), world.scenario(),
                world.scenario().seed(), RunListener.NONE);
    }

    /** The deepest layer of the waterfall a run reached. */
    private static String deepest(RunResult r) {
        List<RunEvent.Kind> kinds = r.events().stream().map(RunEvent::kind).distinct().toList();
        if (kinds.contains(RunEvent.Kind.ADL)) return "ADL";
        if (kinds.contains(RunEvent.Kind.SOCIALIZED)) return "haircut";
        if (kinds.contains(RunEvent.Kind.BAD_DEBT) || kinds.contains(RunEvent.Kind.TAKEOVER)) return "bad debt";
        if (kinds.contains(RunEvent.Kind.FUND_COVER)) return "fund";
        if (kinds.contains(RunEvent.Kind.LIQUIDATION)) return "liquidation";
        return "quiet";
    }
}

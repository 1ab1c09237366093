package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.ContentHash;
import org.deleveraging.domain.Scenario;
import org.deleveraging.input.InputException;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioReader;
import org.deleveraging.scenario.ScenarioService;
import org.deleveraging.scenario.ScenarioVariant;

/**
 * A sweep made ready to run: every point's compiled policy variant, account set and scenario as run, found and checked
 * before anything is stored, so that a mistake names {@code file:line: field} and leaves nothing half-made. Shared by
 * the local runner's threads: nothing in it changes once made.
 */
public final class SweepPlan {
    private final SweepDefinition definition;
    private final List<SweepPoint> points;
    private final Map<String, Policy> variants;
    private final Map<String, AccountSet> sets;
    private final Map<String, String> setHashes;
    private final Map<String, String> scenarioYaml;
    private final Map<String, ScenarioService.Resolved> asRun = new HashMap<>();

    /** A set with the hash the store gave it. */
    public record LoadedSet(AccountSet set, String hash) {}

    /**
     * @param variant the compiled variant of a point's policy ({@link PolicyVariant}), or an {@link InputException}
     *                naming what is wrong with it
     * @param set a stored set by name, or an {@link InputException}
     * @param scenarioText a scenario's text by name, or an {@link InputException}
     */
    public SweepPlan(SweepDefinition definition, Function<SweepPoint, Policy> variant,
                     Function<String, LoadedSet> set, Function<String, String> scenarioText) {
        this.definition = definition;
        this.points = SweepGrid.points(definition);
        this.variants = new LinkedHashMap<>();
        this.sets = new LinkedHashMap<>();
        this.setHashes = new LinkedHashMap<>();
        this.scenarioYaml = new LinkedHashMap<>();
        for (SweepDefinition.Item s : definition.accountSets()) {
            LoadedSet loaded = at(s, () -> set.apply(s.text()));
            sets.put(s.text(), loaded.set());
            setHashes.put(s.text(), loaded.hash());
        }
        Map<String, Scenario> base = new LinkedHashMap<>();
        for (SweepDefinition.Item s : definition.scenarios()) {
            String text = at(s, () -> scenarioText.apply(s.text()));
            scenarioYaml.put(s.text(), text);
            Scenario scenario = ScenarioReader.parse(text, s.text());
            base.put(s.text(), scenario);
            ScenarioService.Resolved resolved = new ScenarioService.Resolved(scenario, text, ContentHash.text(text),
                    definition.source());
            for (AccountSet each : sets.values())
                at(s, () -> {
                    resolved.checkPrices(each);
                    return null;
                });
            BigDecimal limit = ScenarioVariant.severityLimit(scenario);
            for (SweepDefinition.Number k : definition.severities())
                if (limit != null && k.value().compareTo(limit) >= 0)
                    throw new InputException(definition.source(), k.line(), k.field(), "severity "
                            + k.value().toPlainString() + " takes a mark of " + s.text()
                            + " to zero or below; its severities stay below " + limit.stripTrailingZeros()
                            .toPlainString());
        }
        for (SweepPoint p : points) {
            variants.computeIfAbsent(p.variant(), v -> variant.apply(p));
            asRun.computeIfAbsent(scenarioKey(p), k -> ScenarioService.Resolved.variant(ScenarioVariant.withFunds(
                    ScenarioVariant.scaled(base.get(p.scenario()), p.severity()), p.fundScale()),
                    "sweep " + definition.name()));
        }
    }

    public SweepDefinition definition() { return definition; }
    public List<SweepPoint> points() { return points; }
    public Map<String, Policy> variants() { return variants; }
    public Policy policy(SweepPoint p) { return variants.get(p.variant()); }
    public AccountSet set(SweepPoint p) { return sets.get(p.accountSet()); }
    public String setHash(SweepPoint p) { return setHashes.get(p.accountSet()); }
    public Map<String, String> setHashes() { return setHashes; }
    public Map<String, String> scenarioYaml() { return scenarioYaml; }

    /** The scenario as the point runs it (its severity and fund scale applied), with the YAML a kept run stores. */
    public ScenarioService.Resolved resolved(SweepPoint p) { return asRun.get(scenarioKey(p)); }

    public Scenario scenario(SweepPoint p) { return resolved(p).scenario(); }

    /** The hash of the scenario as the point runs it (of the YAML it writes). */
    public String scenarioHash(SweepPoint p) { return resolved(p).hash(); }

    /** The seed the point's run uses. */
    public long seed(SweepPoint p) { return p.seed() != null ? p.seed() : scenario(p).seed(); }

    /** What points running the same scenario as run share: the scenario, its severity and fund scale. */
    public static String scenarioKey(SweepPoint p) {
        return p.scenario() + "\n" + p.severity().toPlainString() + "\n" + p.fundScale().toPlainString();
    }

    private <T> T at(SweepDefinition.Item item, java.util.function.Supplier<T> find) {
        try {
            return find.get();
        } catch (InputException e) {
            throw error(item, e.getMessage());
        }
    }

    private InputException error(SweepDefinition.Item item, String problem) {
        return new InputException(definition.source(), item.line(), item.field(), problem);
    }
}

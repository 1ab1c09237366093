package org.deleveraging.scenario;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.input.InputException;
import org.deleveraging.domain.ContentHash;

/** The scenarios a run can name: those shipped with the workbench and those a user imported into the store. */
public final class ScenarioService {
    private final ScenarioRepository store;
    private final Clock clock;

    public ScenarioService(ScenarioRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A scenario ready to run, with the exact text it was read from (what the run stores). */
    public record Resolved(Scenario scenario, String yaml, String hash, String source) {
        public String name() { return scenario.name(); }

        /**
         * A variant ({@link ScenarioVariant}: another severity, other funds) ready to run, its text the YAML it writes:
         * what a run of it stores, so that it reproduces without what made it.
         */
        public static Resolved variant(Scenario scenario, String source) {
            String yaml = ScenarioVariant.yaml(scenario);
            return new Resolved(scenario, yaml, ContentHash.text(yaml), source);
        }

        /** Refuses a set with a market this scenario gives no mark: a run could not price it. */
        public void checkPrices(AccountSet set) {
            Map<String, BigDecimal> start = scenario.steps().get(0).marks();
            for (String market : set.markets().keySet())
                if (!start.containsKey(market))
                    throw new InputException("scenario '" + name() + "' has no mark for market " + market
                            + " of account set '" + set.name() + "'; it prices " + String.join(", ", start.keySet()));
        }
    }

    public List<Resolved> list() {
        List<Resolved> out = new ArrayList<>();
        for (String name : ScenarioCatalog.names()) out.add(resolve(name));
        for (StoredScenario s : store.scenarios()) out.add(resolve(s.name()));
        return out;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(ScenarioCatalog.names());
        store.scenarios().forEach(s -> out.add(s.name()));
        return out;
    }

    public Resolved resolve(String name) {
        if (ScenarioCatalog.contains(name)) {
            String yaml = ScenarioCatalog.text(name);
            return new Resolved(ScenarioCatalog.load(name), yaml, ContentHash.text(yaml), "shipped");
        }
        StoredScenario s = store.scenario(name).orElseThrow(() ->
                new InputException("no scenario '" + name + "'; known: " + String.join(", ", names())));
        return new Resolved(ScenarioReader.parse(s.yaml(), s.name() + " (imported from " + s.source() + ")"), s.yaml(),
                s.hash(), "imported from " + s.source());
    }

    /** Reads and checks a scenario file, then keeps it under the name it gives itself. */
    public Resolved importFile(Path file) {
        String display = file.toString().replace('\\', '/');
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(display, 0, null, "cannot read file: " + e.getMessage());
        }
        Scenario scenario = ScenarioReader.parse(yaml, display);
        if (ScenarioCatalog.contains(scenario.name()))
            throw new InputException(display, 1, "name",
                    "'" + scenario.name() + "' is a shipped scenario; give yours another name");
        store.saveScenario(new StoredScenario(scenario.name(), display, yaml, ContentHash.text(yaml), clock.instant()));
        return new Resolved(scenario, yaml, ContentHash.text(yaml), "imported from " + display);
    }
}

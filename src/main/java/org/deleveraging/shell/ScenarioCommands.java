package org.deleveraging.shell;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.scenario.ScenarioService;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code scenario list|show|import}: the stress paths a run can take. */
@Command(command = "scenario", group = "Scenarios")
public class ScenarioCommands {
    private final ScenarioService scenarios;

    public ScenarioCommands(ScenarioService scenarios) { this.scenarios = scenarios; }

    @Command(command = "list", description = "List the shipped and imported scenarios.")
    public String list() {
        TextTable t = new TextTable("name", ">steps", "markets", "source", "description");
        for (ScenarioService.Resolved r : scenarios.list()) {
            Scenario s = r.scenario();
            t.row(s.name(), s.steps().size() - 1, String.join(",", s.steps().get(0).marks().keySet()), r.source(),
                    s.description());
        }
        return t.toString();
    }

    @Command(command = "show",
            description = "Show a scenario step by step: each market's mark (and move from the start)"
            + " and book depth, then its funds.")
    public String show(@Option(longNames = "name", required = true, description = "the scenario")
                       @OptionValues(provider = "scenarioNames") String name) {
        ScenarioService.Resolved r = scenarios.resolve(name);
        Scenario s = r.scenario();
        StringBuilder b = new StringBuilder(s.name()).append(" (").append(r.source()).append(", seed ").append(s.seed())
                .append(", hash ").append(Show.shortHash(r.hash())).append(")\n");
        if (!s.description().isEmpty()) b.append(s.description()).append('\n');
        List<String> markets = new ArrayList<>(s.steps().get(0).marks().keySet());
        List<String> columns = new ArrayList<>(List.of(">step"));
        for (String m : markets) columns.add(">" + m);
        columns.add(">depth");
        TextTable t = new TextTable(columns.toArray(String[]::new));
        Map<String, BigDecimal> start = s.steps().get(0).marks();
        for (int i = 0; i < s.steps().size(); i++) {
            ScenarioStep step = s.steps().get(i);
            List<Object> row = new ArrayList<>(List.of(i));
            for (String m : markets) {
                BigDecimal mark = step.marks().get(m);
                BigDecimal move = mark.divide(start.get(m), 6, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE);
                row.add(Show.num(mark) + (i == 0 ? "" : " (" + Show.pct(move.doubleValue()) + ")"));
            }
            row.add(depth(step, markets));
            t.row(row.toArray());
        }
        b.append(t);
        if (!s.insuranceFunds().isEmpty() || s.insuranceFundShares().isEmpty())
            b.append("insurance funds: ").append(amounts(s.insuranceFunds())).append('\n');
        if (!s.insuranceFundShares().isEmpty())
            b.append("insurance funds").append(s.insuranceFunds().isEmpty() ? "" : " of the other markets")
                    .append(", as a share of open interest at the start marks: ")
                    .append(shares(s.insuranceFundShares())).append('\n');
        b.append("backstop capital: ").append(amounts(s.backstopCapital())).append('\n');
        return b.toString();
    }

    @Command(command = "import",
            description = "Import a scenario YAML file (format in src/docs/workbench.md); it is checked in"
            + " full and kept under the name it gives.")
    public String importScenario(
            @Option(longNames = "file", required = true, description = "a scenario .yaml file") String file) {
        ScenarioService.Resolved r = scenarios.importFile(Path.of(file));
        return "imported scenario " + r.name() + ": " + (r.scenario().steps().size() - 1) + " steps over "
                + String.join(", ", r.scenario().steps().get(0).marks().keySet()) + "\n";
    }

    private static String depth(ScenarioStep step, List<String> markets) {
        BigDecimal first = step.depthMultiplier(markets.get(0));
        boolean same = markets.stream().allMatch(m -> step.depthMultiplier(m).compareTo(first) == 0);
        if (same) return "x" + first.stripTrailingZeros().toPlainString();
        List<String> parts = new ArrayList<>();
        for (String m : markets) parts.add(m + " x" + step.depthMultiplier(m).stripTrailingZeros().toPlainString());
        return String.join(", ", parts);
    }

    private static String shares(Map<String, BigDecimal> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add((k.equals(Scenario.EVERY_MARKET) ? "every market" : k) + " " + v.movePointRight(2)
                .stripTrailingZeros().toPlainString() + " %"));
        return String.join(", ", parts);
    }

    private static String amounts(Map<String, BigDecimal> m) {
        if (m.isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " " + Show.money(v)));
        return String.join(", ", parts);
    }
}

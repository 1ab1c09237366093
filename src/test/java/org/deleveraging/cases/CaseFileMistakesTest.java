package org.deleveraging.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case file with a mistake fails that case alone, with a message naming file, line and key; every other case of the
 * policy still runs. Also: a wrong figure fails with the officer's table, and a case cannot be written so that it
 * can never fail.
 */
class CaseFileMistakesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path workspace;
    static Map<String, Verdict> verdicts = new TreeMap<>();

    /** The gap of bitmex case 003: a long of 10 bankrupt by 100 at 980, the fund of 1,000 pays it. */
    private static final String GOOD = """
            title: A gap the fund covers
            given:
              markets:
                XBTUSD: { tick: 0.5, lot: 1 }
              accounts:
                - { id: gapper, wallet: 100, positions: [long 10 XBTUSD @ 1000] }
                - { id: winner, wallet: 100, positions: [short 10 XBTUSD @ 1000] }
              insuranceFund: { XBTUSD: 1000 }
            when:
              marks:
                - { XBTUSD: 1000 }
                - { XBTUSD: 980 }
            then:
              fundCovers:
                - { account: gapper, amount: 100 }
              funds: { XBTUSD: 900 }
            """;

    @BeforeAll
    static void runAFolderOfCasesWithMistakes() throws IOException {
        Path policy = workspace.resolve("policies/bitmex");
        Files.createDirectories(policy.resolve("cases"));
        Files.copy(ROOT.resolve("policies/bitmex/policy.yaml"), policy.resolve("policy.yaml"));
        write("001-good.yaml", GOOD);
        write("002-unknown-key.yaml", GOOD.replace("  funds: { XBTUSD: 900 }", "  fundz: { XBTUSD: 900 }"));
        write("003-missing-section.yaml", GOOD.substring(0, GOOD.indexOf("then:")));
        write("004-unknown-account.yaml",
                GOOD.replace("{ account: gapper, amount: 100 }", "{ account: gaper, amount: 100 }"));
        write("005-not-a-number.yaml", GOOD.replace("amount: 100 }", "amount: a hundred }"));
        write("006-wrong-figure.yaml", GOOD.replace("funds: { XBTUSD: 900 }", "funds: { XBTUSD: 950 }"));
        write("007-undeclared-parameter.yaml",
                GOOD.replace("  insuranceFund:", "  parameters: { adlThreshold: 0.3 }\n  insuranceFund:"));
        write("008-tolerance-without-reason.yaml", GOOD + "  tolerance: { amount: 0.5, reason: \"\" }\n");
        write("009-expects-nothing.yaml",
                GOOD.substring(0, GOOD.indexOf("  fundCovers:")) + "  tolerance: { amount: 1, reason: ticks }\n");
        write("010-unknown-rule.yaml", GOOD + "  rulesFired: [WF-999]\n");
        write("011-bad-position.yaml", GOOD.replace("long 10 XBTUSD @ 1000]", "long ten XBTUSD @ 1000]"));
        write("012-mark-off-the-grid.yaml", GOOD.replace("- { XBTUSD: 980 }", "- { XBTUSD: 980.3 }"));
        write("013-move-off-the-grid.yaml", GOOD.replace("- { XBTUSD: 980 }", "- { XBTUSD: -1.99% }"));
        write("014-move-on-the-grid.yaml", GOOD.replace("- { XBTUSD: 980 }", "- { XBTUSD: -2% }"));
        Verifier verifier = new Verifier(workspace.resolve("policies"), ROOT.resolve("rules"));
        for (Verifier.Item item : verifier.plan("bitmex")) verdicts.put(item.file().getFileName().toString(),
                verifier.run(item));
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(workspace.resolve("policies/bitmex/cases").resolve(name), text);
    }

    private static String error(String file) {
        Verdict v = verdicts.get(file);
        assertThat(v.passed()).as(file + " must fail").isFalse();
        return v.error();
    }

    @Test
    void every_case_file_gets_its_own_verdict_and_the_good_one_still_passes() {
        assertThat(verdicts).hasSize(14);
        assertThat(verdicts.get("001-good.yaml").passed()).as(verdicts.get("001-good.yaml").report()).isTrue();
        assertThat(verdicts.get("001-good.yaml").name()).isEqualTo("bitmex › 001 A gap the fund covers");
    }

    @Test
    void an_unknown_key_names_file_line_and_key() {
        assertThat(error("002-unknown-key.yaml"))
                .contains("policies/bitmex/cases/002-unknown-key.yaml:16: then.fundz: unknown key; expected one of")
                .contains("funds");
    }

    @Test
    void a_missing_section_names_the_section() {
        assertThat(error("003-missing-section.yaml")).contains("003-missing-section.yaml:1: then: missing");
    }

    @Test
    void an_account_that_is_not_given_is_named_with_its_line() {
        assertThat(error("004-unknown-account.yaml"))
                .contains("004-unknown-account.yaml:15: then.fundCovers[0].account: no account gaper is given");
    }

    @Test
    void an_expectation_that_is_not_a_number_is_named() {
        assertThat(error("005-not-a-number.yaml"))
                .contains("005-not-a-number.yaml:15: then.fundCovers[0].amount: expected a number, got 'a hundred'");
    }

    @Test
    void a_wrong_figure_fails_with_an_expected_versus_actual_table() {
        Verdict v = verdicts.get("006-wrong-figure.yaml");
        assertThat(v.error()).isNull();
        assertThat(v.report()).contains("FAIL   bitmex › 006 A gap the fund covers")
                .containsPattern("✗ fund XBTUSD at the end +950 +900")
                .containsPattern("  fundCovers 1 +gapper, amount 100 +gapper, amount 100")
                .contains("1 of 2 checks differ");
    }

    @Test
    void a_parameter_the_policy_does_not_declare_is_rejected() {
        assertThat(error("007-undeclared-parameter.yaml"))
                .contains("007-undeclared-parameter.yaml:8: given.parameters.adlThreshold: policy bitmex has no "
                        + "parameter adlThreshold; it declares none");
    }

    @Test
    void a_tolerance_must_say_why() {
        assertThat(error("008-tolerance-without-reason.yaml"))
                .contains("then.tolerance.reason: say why this case cannot be exact");
    }

    @Test
    void a_case_that_expects_nothing_could_never_fail_and_is_rejected() {
        assertThat(error("009-expects-nothing.yaml")).contains("then: nothing is expected");
    }

    @Test
    void a_rule_the_policy_does_not_have_is_named() {
        assertThat(error("010-unknown-rule.yaml"))
                .contains("then.rulesFired[0]: the policy has no rule WF-999; its rules are").contains("WF-010");
    }

    // issue 23, item 6: a case's marks are exact prices; one between ticks is a mistake its author must hear about
    @Test
    void a_mark_off_the_tick_grid_is_refused_with_the_nearest_tick_and_a_move_that_lands_on_it_passes() {
        assertThat(error("012-mark-off-the-grid.yaml"))
                .contains("012-mark-off-the-grid.yaml:12: when.marks[1].XBTUSD: 980.3,"
                + " which is not on the tick grid of XBTUSD (tick 0.5): write 980.5 or another multiple of the tick");
        assertThat(error("013-move-off-the-grid.yaml"))
                .contains("013-move-off-the-grid.yaml:12: when.marks[1].XBTUSD: comes to"
                + " 980.1, which is not on the tick grid of XBTUSD (tick 0.5): write 980 or another multiple "
                + "of the tick");
        assertThat(verdicts.get("014-move-on-the-grid.yaml").passed())
                .as(verdicts.get("014-move-on-the-grid.yaml").error()).isTrue();
    }

    @Test
    void a_position_that_does_not_read_says_how_to_write_one() {
        assertThat(error("011-bad-position.yaml"))
                .contains("011-bad-position.yaml:6: given.accounts[0].positions[0]: size must be a number, got 'ten'");
    }

    @Test
    void the_plan_lists_cases_in_file_order() {
        assertThat(List.copyOf(verdicts.keySet())).first().isEqualTo("001-good.yaml");
    }
}

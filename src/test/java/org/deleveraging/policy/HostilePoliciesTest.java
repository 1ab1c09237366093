package org.deleveraging.policy;

import org.deleveraging.accounts.AccountSetService;
import org.deleveraging.run.RunProgress;
import org.deleveraging.run.RunService;
import org.deleveraging.support.SmallSets;
import org.deleveraging.scenario.ScenarioService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.deleveraging.input.InputException;
import org.deleveraging.run.StoredRun;
import org.deleveraging.store.TempStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy folder is untrusted input. Every policy in {@code src/test/resources/hostile-policies/} is tried as an
 * attacker would: each is refused when it is validated, with its file, line and what is not allowed, or stopped when
 * it runs, with the policy and the rule named; either way nothing is stored, every stored run is as it was, and the
 * workbench goes on to run an honest policy. A case's {@code expected.txt} says which, and the message expected.
 */
class HostilePoliciesTest {
    private static final Path HOSTILE = Path.of("src/test/resources/hostile-policies");

    @TempDir static Path folder;
    static TempStore db;
    static PolicyRegistry policies;
    static RunService runs;
    static StoredRun honestRun;

    @BeforeAll
    static void aWorkbenchWithOneHonestRun() {
        db = new TempStore(folder);
        Clock clock = Clock.fixed(TempStore.NOW, ZoneOffset.UTC);
        Path policyFolder = PolicyFolders.copy(folder.resolve("copy"), "bitmex");
        for (String id : ids()) PolicyFolders.copyTree(HOSTILE.resolve(id), policyFolder.resolve(id));
        policies = new PolicyRegistry(policyFolder, folder.resolve("copy/rules"), "bitmex");
        AccountSetService sets = new AccountSetService(db.store);
        runs = new RunService(db.store, policies, sets, new ScenarioService(db.store, clock), clock, "test");
        SmallSets.generate(sets, "small", 300);
        honestRun = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);
    }

    @AfterAll
    static void close() { db.close(); }

    @TestFactory
    Stream<DynamicTest> each_hostile_policy_is_refused_or_stopped_and_the_workbench_goes_on() {
        Stream<DynamicTest> hostile = ids().stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            List<String> expected = expected(id);
            String before = storedRuns();
            if (expected.get(0).equals("validation")) {
                assertThatThrownBy(() -> policies.validate(id)).isInstanceOf(InputException.class)
                        .hasMessageContaining(expected.get(1))
                        .hasMessageMatching("(?s).*(hostile\\.drl|policy\\.yaml):\\d+: .*");
            } else {
                assertThat(policies.validate(id).id()).as("a run-time case passes validation").isEqualTo(id);
                assertThatThrownBy(() -> runs.run(id, "small", "oct-10", null, RunProgress.NONE))
                        .isInstanceOf(InputException.class)
                        .hasMessageStartingWith("policy '" + id + "' was stopped: ")
                        .hasMessageContaining(expected.get(1))
                        .hasMessageContaining("HOSTILE-010");
            }
            assertThat(storedRuns()).as("stored runs after " + id).isEqualTo(before);
        }));
        DynamicTest honest = DynamicTest.dynamicTest("an honest run after them all", () -> {
            var again = runs.run("bitmex", "small", "oct-10", null, RunProgress.NONE);
            assertThat(again.id()).isGreaterThan(honestRun.id());
            assertThat(again.summary().resultDigest()).isEqualTo(honestRun.summary().resultDigest());
        });
        return Stream.concat(hostile, Stream.of(honest));
    }

    @Test
    void the_suite_covers_every_attack_the_issue_names() {
        assertThat(ids()).contains("exit", "file-read", "file-write", "exec", "exec-by-name", "reflection", "thread",
                "busy-loop", "sleep", "allocation", "runaway-inserts", "runaway-firings", "slow", "jdbc",
                "forged-candidate",
                "nan-score", "module-absolute", "module-escape", "module-not-drl", "huge-firing-limit");
    }

    /** Every stored run as the store reads it back, and the row count of every table. */
    private static String storedRuns() {
        StringBuilder out =
                new StringBuilder(db.sql.sql("SELECT * FROM run ORDER BY run_id").query().listOfRows().toString());
        for (String table : db.sql.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                + " ORDER BY table_name").query(String.class).list())
            out.append('\n').append(table).append(' ').append(db.rows('"' + table + '"'));
        return out.toString();
    }

    private static List<String> ids() {
        try (Stream<Path> dirs = Files.list(HOSTILE)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> expected(String id) throws IOException {
        List<String> lines = Files.readAllLines(HOSTILE.resolve(id).resolve("expected.txt"));
        assertThat(lines.get(0)).as(id + "/expected.txt: first line").isIn("validation", "run");
        return lines;
    }
}

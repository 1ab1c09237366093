package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as the README starts it (extracted to target/app, with the README's JVM flags and the
 * class-data-sharing archive beside it), one command and exit, on a fresh data
 * folder: the demo set is created on first start and the README's run command works out of the box. Runs in the
 * integration-test phase (failsafe), after the jar is built and extracted, so {@code mvn -B verify} covers it.
 */
class WorkbenchJarIT {
    /** The class-data-sharing archive that {@code package} makes beside the jar (pom.xml, cds-archive). */
    static final String ARCHIVE = "adl-workbench.jsa";

    @TempDir Path folder;

    @Test
    void the_run_command_runs_one_policy_on_the_demo_set_prints_its_summary_and_exits_0() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        assertThat(jar).exists();
        Path out = folder.resolve("out.txt");
        Process p = new ProcessBuilder(readme(jar, "--spring.datasource.url=jdbc:h2:file:"
                + folder.resolve("data/workbench"), "run", "--policy", "binance", "--accounts", "demo", "--scenario",
                "oct-10")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("first start: created the demo account set 'demo'")
                .containsPattern("run 1: binance@[0-9a-f]{8} x demo x oct-10 \\(seed 20251010\\)")
                .contains("liquidations").contains("insurance fund").contains("ADL closes").contains("ADL overshoot")
                .contains("largest haircut")
                .doesNotContain("Exception");
    }

    /**
     * The class-data-sharing archive that {@code package} makes serves the packaged jar (a stale or foreign one would
     * be ignored with a warning: its classes would not come from it), a missing one is ignored silently, and a
     * command that needs no store opens none, so it neither makes a data folder nor waits for one in use.
     */
    @Test
    void the_readme_command_starts_from_the_class_data_archive_and_the_jar_starts_without_it() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        assertThat(jar.toAbsolutePath().resolveSibling(ARCHIVE)).exists();
        Path data = folder.resolve("cds-data");
        List<String> shared = readme(jar, "--spring.datasource.url=jdbc:h2:file:" + data.resolve("workbench"),
                "version");
        shared.add(1, "-Xlog:class+load=info");
        Run withArchive = run(shared);
        assertThat(withArchive.status()).as(withArchive.text()).isZero();
        assertThat(withArchive.text()).contains("source: shared objects file (top)").contains("adl-workbench 0.1.0")
                .doesNotContain("[warning]").doesNotContain("[error");
        assertThat(data).doesNotExist();

        List<String> missing = readme(jar, "version");
        missing.replaceAll(a -> a.startsWith("-XX:SharedArchiveFile=")
                ? "-XX:SharedArchiveFile=" + folder.resolve("missing.jsa") : a);
        Run withoutArchive = run(missing);
        assertThat(withoutArchive.status()).as(withoutArchive.text()).isZero();
        assertThat(withoutArchive.text()).startsWith("adl-workbench 0.1.0\nJava ");
    }

    private Run run(List<String> line) throws Exception {
        Path out = Files.createTempFile(folder, "run", ".out");
        Process p = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        return new Run(p.exitValue(), text);
    }

    /**
     * {@code script --file} in CI: comment lines ({@code //} and {@code #}) and blank lines are skipped, every command
     * runs, and the first failing one stops the script with its line number and a non-zero status, reported once.
     */
    @Test
    void a_script_skips_comments_runs_every_command_and_stops_at_a_failing_line_with_its_number() throws Exception {
        Path ok = Files.writeString(folder.resolve("ok.txt"), """
                // the nightly batch: a comment first once ran nothing and exited 0
                # a hash comment was "No command found", twice

                scenario list
                accounts list
                """);
        Run passed = script(ok);
        assertThat(passed.status()).as(passed.text()).isZero();
        assertThat(passed.text()).contains("oct-10").contains("no account sets").doesNotContain("No command found")
                .doesNotContain("error");

        Path bad = Files.writeString(folder.resolve("bad.txt"), """
                # line 1
                scenario list

                rnu --policy bitmex
                accounts list
                """);
        Run failed = script(bad);
        assertThat(failed.status()).as(failed.text()).isEqualTo(2);
        assertThat(failed.text()).contains("error: " + bad + ":4: rnu --policy bitmex: failed (exit status 2)")
                .contains("oct-10")            // line 2 ran
                .doesNotContain("no account sets");  // line 5 did not
        assertThat(failed.text().split("No command found", -1)).as(failed.text()).hasSize(2);

        Path userError = Files.writeString(folder.resolve("user-error.txt"), """
                // an unknown policy is a user error: status 1
                run --policy bitmax --accounts demo --scenario oct-10
                """);
        Run refused = script(userError);
        assertThat(refused.status()).as(refused.text()).isEqualTo(1);
        assertThat(refused.text()).contains("error: no policy 'bitmax'")
                .contains("error: " + userError + ":2: run --policy bitmax");
    }

    /**
     * The same in the interactive shell (commands piped in): a failure typed before the script does not stop it, the
     * script stops at its failing line naming it, and the session goes on.
     */
    @Test
    void a_script_in_the_interactive_shell_stops_at_its_failing_line_and_the_session_goes_on() throws Exception {
        Path bad = Files.writeString(folder.resolve("session.txt"), """
                // line 1
                scenario list
                rnu --policy bitmex
                accounts list
                """);
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        Path in = Files.writeString(folder.resolve("typed.txt"),
                "run --policy bitmax --accounts demo --scenario oct-10\n"
                + "script --file " + bad + "\naccounts list\nexit\n");
        Path out = folder.resolve("session.out");
        Process p = new ProcessBuilder(readme(jar, "--spring.datasource.url=jdbc:h2:file:"
                + folder.resolve("session-data/workbench"), "--workbench.demo-on-first-start=false"))
                .redirectErrorStream(true).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        assertThat(text).contains("error: no policy 'bitmax'").contains("flash-shock")
                .contains("error: " + bad + ":3: rnu --policy bitmex: failed (exit status 2)");
        // line 4 did not run; the 'accounts list' typed after the script did
        assertThat(text.split("no account sets", -1)).as(text).hasSize(2);
        assertThat(text.indexOf("no account sets")).isGreaterThan(text.indexOf(":3: rnu --policy bitmex"));
    }

    /**
     * The shell's conventions as a user meets them, output to a file (no escape codes anywhere): a typo gets "did you
     * mean", {@code version} names the build and Java, {@code history} is numbered, {@code help} brackets the optional
     * options; {@code accounts delete} asks in the shell (no keeps the set), refuses in one command without
     * {@code --yes}, says how many stored runs used the set, and {@code runs reproduce} of such a run says the set is
     * gone; {@code --help} and {@code <command> --help} print help and exit 0.
     */
    @Test
    void the_shell_follows_common_cli_conventions() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar")).toAbsolutePath();
        List<String> settings = List.of("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("conv-data/workbench"),
                "--workbench.demo-on-first-start=false",
                "--workbench.policies-dir=" + Path.of("policies").toAbsolutePath(),
                "--workbench.rules-dir=" + Path.of("rules").toAbsolutePath());
        Path typed = Files.writeString(folder.resolve("conv.txt"), String.join("\n",
                "accounts generate --name tiny --accounts 200 --seed 3",
                "accounts generate --name keep --accounts 20 --seed 4",
                "run --policy bitmex --accounts tiny --scenario oct-10",
                "rnu --policy bitmex",
                "version",
                "help explain",
                "accounts delete --name tiny",
                "n",
                "accounts list",
                "accounts delete --name tiny",
                "yes",
                "runs reproduce --run 1",
                "history",
                "exit", ""));
        Run session = jar(jar, settings, typed);
        String text = session.text();
        assertThat(session.status()).as(text).isZero();
        assertThat(text).doesNotContain("\u001b")
                .contains("No command found for 'rnu'; did you mean 'run'?")
                .containsPattern("adl-workbench 0\\.1\\.0\\s+Java 17")
                .contains("explain --run String --account String [--limit int] [--help]")
                .contains("delete account set 'tiny' (200 accounts, used by 1 stored run)? [y/N] not deleted")
                .contains("deleted tiny; 1 stored run used it and keeps its results")
                .contains("error: run 1 cannot be reproduced: its account set 'tiny' has been deleted; import the same "
                        + "accounts again as 'tiny'")
                .contains("   1  accounts generate --name tiny --accounts 200 --seed 3\n")
                .containsPattern("\\d  history\\n");
        assertThat(text).containsPattern("not deleted[\\s\\S]*\\ntiny +200 ");  // 'no' kept the set

        Run refused = jar(jar, settings, null, "accounts", "delete", "--name", "keep");
        assertThat(refused.status()).as(refused.text()).isEqualTo(1);
        assertThat(refused.text())
                .contains("error: accounts delete: not deleted without --yes outside the interactive shell;"
                + " add --yes to delete account set 'keep' (20 accounts, used by 0 stored runs)");
        Run typo = jar(jar, settings, null, "acounts", "lst");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.text()).isEqualTo("No command found for 'acounts lst'; did you mean 'accounts list'?\n");
        Run helpList = jar(jar, settings, null, "--help");
        assertThat(helpList.status()).as(helpList.text()).isZero();
        assertThat(helpList.text()).contains("AVAILABLE COMMANDS").contains("accounts delete:")
                .doesNotContain("No command found");
        Run helpRun = jar(jar, settings, null, "adl-queue", "--help");
        assertThat(helpRun.status()).as(helpRun.text()).isZero();
        assertThat(helpRun.text()).contains(
                "adl-queue --run String --market String [--account String] [--step Integer] [--top int] [--help]")
                .doesNotContain("\u001b");
    }

    /** The jar in {@code folder} (its own history file), with {@code input} typed (null: none), output to a file. */
    private Run jar(Path jar, List<String> settings, Path input, String... command) throws Exception {
        List<String> line = new ArrayList<>(settings);
        line.addAll(List.of(command));
        line = readme(jar, line.toArray(String[]::new));
        Path out = Files.createTempFile(folder, "jar", ".out");
        ProcessBuilder b = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        if (input != null) b.redirectInput(input.toFile());
        Process p = b.start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        return new Run(p.exitValue(), text);
    }

    /**
     * The README's sweep walk-through, one command each as a script would run them: a sweep over two policies, three
     * values and two scenarios, its points, the frontier report and its CSV, a reverse stress test and cover 2, all
     * on the demo set.
     */
    @Test
    void the_readme_sweep_runs_and_reports_and_the_reverse_stress_tests_answer_on_the_demo_set() throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        String data = "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("sweep-data/workbench");
        Path html = folder.resolve("frontier.html");
        Path csv = folder.resolve("points.csv");
        Run sweep = command(jar, data, "sweep", "run", "--file", "src/main/resources/sweeps/two-policies.yaml");
        assertThat(sweep.text()).contains("sweep 1 two-policies: 12 points run in").contains("12 of 12 stored");
        Run show = command(jar, data, "sweep", "show", "--sweep", "1");
        assertThat(show.text()).contains("12 of 12 points finished").contains("margin.rateMultiplier=1.25")
                .contains("demo flash-shock x1 fund x1");
        Run report = command(jar, data, "report", "--sweep", "1", "--out", html.toString());
        assertThat(report.text()).contains("wrote " + html);
        assertThat(Files.readString(html)).contains("Pareto frontier").contains("hyperliquid");
        Run export = command(jar, data, "sweep", "export", "--sweep", "1", "--out", csv.toString());
        assertThat(export.text()).contains("12 points");
        assertThat(Files.readAllLines(csv)).hasSize(13);
        Run find = command(jar, data, "stress", "find", "--policy", "bitmex", "--accounts", "demo", "--scenario",
                "oct-10", "--until", "adl", "--tolerance", "0.05");
        assertThat(find.text()).containsPattern("threshold: severity [0-9.]+").containsPattern("kept run [0-9]+");
        Run cover = command(jar, data, "stress", "cover2", "--policies", "bitmex", "--accounts", "demo",
                "--scenario", "oct-10");
        assertThat(cover.text()).contains("cover 2").contains("bitmex");
    }

    private Run command(Path jar, String... args) throws Exception {
        Path out = folder.resolve("command-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(readme(jar, args)).redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return new Run(p.exitValue(), text);
    }

    record Run(int status, String text) {}

    private Run script(Path file) throws Exception {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/app/adl-workbench-0.1.0.jar"));
        Path out = folder.resolve(file.getFileName() + ".out");
        Process p = new ProcessBuilder(readme(jar, "--spring.datasource.url=jdbc:h2:file:"
                + folder.resolve("script-data/workbench"), "--workbench.demo-on-first-start=false", "script",
                "--file", file.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String text = read(out);
        assertThat(finished).as(text).isTrue();
        return new Run(p.exitValue(), text);
    }

    /**
     * The README's command line: the JVM flags, the class-data-sharing archive that {@code package} makes beside the
     * jar, the jar, then {@code args}.
     */
    static List<String> readme(Path jar, String... args) {
        Path app = jar.toAbsolutePath();
        List<String> line = new ArrayList<>(List.of("java", "-XX:+UseParallelGC",
                "-XX:SharedArchiveFile=" + app.resolveSibling(ARCHIVE), "-jar", app.toString()));
        line.addAll(List.of(args));
        return line;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}

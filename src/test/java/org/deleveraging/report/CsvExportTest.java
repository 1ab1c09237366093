package org.deleveraging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deleveraging.engine.AccountOutcome;
import org.deleveraging.engine.StepMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The export of the two fixture runs, read back: exact values, one file per table, the same rows as the store. */
class CsvExportTest {
    static ReportFixture f;
    static List<Path> files;
    @TempDir static Path dir;

    @BeforeAll
    static void export() {
        f = ReportFixture.get();
        files = f.reports.export(f.both(), dir);
    }

    static List<String[]> read(Path file) throws IOException {
        // the fixture's values hold no comma or quote, so a plain split reads them
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    Path run(long id, String file) { return dir.resolve("run-" + id).resolve(file); }

    @Test
    void each_run_gets_a_folder_of_tables_and_the_comparison_sits_beside_them() {
        for (long id : List.of(f.bitmex.id(), f.cappedProRata.id()))
            assertThat(files).contains(run(id, "provenance.csv"), run(id, "metrics.csv"), run(id, "steps.csv"),
                    run(id, "accounts.csv"), run(id, "haircut-by-leverage.csv"),
                    run(id, "haircut-by-profit-decile.csv"),
                    run(id, "adl-queues.csv"));
        assertThat(files).contains(dir.resolve("metrics.csv"), dir.resolve("differing-accounts.csv"));
        assertThat(files).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void steps_are_the_stored_steps_to_the_last_digit() throws IOException {
        List<StepMetrics> stored = f.store.runSteps(f.cappedProRata.id());
        List<String> header =
                Arrays.asList(Files.readAllLines(run(f.cappedProRata.id(), "steps.csv")).get(0).split(","));
        List<String[]> rows = read(run(f.cappedProRata.id(), "steps.csv"));
        assertThat(rows).hasSize(stored.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertThat(new BigDecimal(row[header.indexOf("socialized")]))
                    .isEqualByComparingTo(stored.get(i).socialized());
            assertThat(new BigDecimal(row[header.indexOf("fund balance")]))
                    .isEqualByComparingTo(stored.get(i).fundBalance());
            assertThat(new BigDecimal(row[header.indexOf("mark BTCUSDT")]))
                    .isEqualByComparingTo(stored.get(i).marks().get("BTCUSDT"));
        }
    }

    @Test
    void every_account_of_the_set_is_listed_with_its_stored_outcome() throws IOException {
        List<String[]> rows = read(run(f.bitmex.id(), "accounts.csv"));
        assertThat(rows).hasSize(ReportFixture.SETTINGS.accounts());
        int touched = 0;
        for (String[] row : rows) {
            var stored = f.store.outcome(f.bitmex.id(), row[0]);
            assertThat(row[6]).isEqualTo(String.valueOf(stored.isPresent()));
            if (stored.isPresent()) {
                touched++;
                AccountOutcome o = stored.get();
                assertThat(new BigDecimal(row[11])).isEqualByComparingTo(o.haircut());
                assertThat(new BigDecimal(row[9])).isEqualByComparingTo(o.liquidatedNotional());
            }
        }
        assertThat(touched).isEqualTo(f.bitmex.summary().touchedAccounts());
    }

    @Test
    void every_ranked_queue_entry_is_exported() throws IOException {
        int stored = JdbcClient.create(f.dataSource).sql("SELECT COUNT(*) FROM run_queue WHERE run_id = ?")
                .param(f.bitmex.id()).query(Integer.class).single();
        assertThat(stored).isPositive();
        assertThat(read(run(f.bitmex.id(), "adl-queues.csv"))).hasSize(stored);
        assertThat(read(run(f.cappedProRata.id(), "adl-queues.csv"))).isEmpty();
    }

    @Test
    void metrics_side_by_side_are_exact_and_one_row_per_measure() throws IOException {
        List<String[]> rows = read(dir.resolve("metrics.csv"));
        assertThat(rows).extracting(r -> r[0]).containsExactlyElementsOf(Metric.ALL.stream().map(Metric::key).toList());
        String[] socialized = rows.stream().filter(r -> r[0].equals("socialized")).findFirst().orElseThrow();
        assertThat(new BigDecimal(socialized[3]))
                .isEqualTo(f.cappedProRata.summary().socialized().stripTrailingZeros());
    }

    @Test
    void the_accounts_that_differ_most_are_listed_in_the_stores_order() throws IOException {
        var expected = f.store.mostDifferentAccounts(List.of(f.bitmex.id(), f.cappedProRata.id()),
                ReportBuilder.DIFFERING);
        assertThat(read(dir.resolve("differing-accounts.csv"))).extracting(r -> r[0])
                .containsExactlyElementsOf(expected.stream().map(s -> s.accountId()).toList());
    }
}

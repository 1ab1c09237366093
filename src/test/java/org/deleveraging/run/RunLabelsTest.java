package org.deleveraging.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A champion and a challenger made by editing one policy's rules must never look alike: runs are named by policy id
 * and the first 8 hex digits of the policy hash, with the declared version where runs shown together differ in it.
 */
class RunLabelsTest {
    private static final String CHAMPION = "c247e052a8da9bdba814fb11ea84933c367639964f722f77fc8652b946602d5e";
    private static final String CHALLENGER = "0be7ae1f" + "0".repeat(56);

    @Test
    void two_runs_of_one_policy_id_with_different_files_read_apart_by_their_short_hash() {
        List<StoredRun> runs = List.of(run(1, "bitmex", 1, CHAMPION), run(2, "bitmex", 1, CHALLENGER));

        assertThat(RunLabels.policies(runs)).containsExactly(
                java.util.Map.entry(1L, "bitmex@c247e052"), java.util.Map.entry(2L, "bitmex@0be7ae1f"));
        assertThat(runs.get(0).label()).isEqualTo("bitmex@c247e052 x demo x oct-10");
        assertThat(runs.get(1).label()).isEqualTo("bitmex@0be7ae1f x demo x oct-10");
    }

    @Test
    void the_version_is_named_only_where_runs_of_the_same_policy_declare_different_ones() {
        List<StoredRun> runs = List.of(run(1, "bitmex", 1, CHAMPION), run(2, "bitmex", 2, CHALLENGER),
                run(3, "binance", 4, CHAMPION));

        assertThat(RunLabels.policies(runs).values())
                .containsExactly("bitmex v1@c247e052", "bitmex v2@0be7ae1f", "binance@c247e052");
    }

    static StoredRun run(long id, String policy, int version, String hash) {
        RunProvenance p = new RunProvenance(policy, version, hash, 1L, "demo", "f".repeat(64), "oct-10", "e".repeat(64),
                "name: oct-10", 7, "0.1.0", Instant.EPOCH);
        return new StoredRun(id, p, null, 0);
    }
}

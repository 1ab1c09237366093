package org.deleveraging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deleveraging.support.Fixtures.cross;
import static org.deleveraging.support.Fixtures.d;
import static org.deleveraging.support.Fixtures.linear;
import static org.deleveraging.support.Fixtures.pos;
import static org.deleveraging.support.Fixtures.set;

import java.util.List;
import java.util.Map;

import org.deleveraging.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Issue 23, item 6: a scenario mark between two ticks is rounded to the nearest one, and the run says which. */
class TickGridTest {
    static final Market XRP = linear("XRPUSDT", "0.0001", "1", "1000000");
    static final AccountSet BOOK = set(List.of(XRP),
            List.of(cross("A", "100", pos("XRPUSDT", Side.LONG, "10", "2.8"))));

    static Scenario marks(String... prices) {
        return new Scenario("s", "", 1, java.util.Arrays.stream(prices)
                .map(p -> new ScenarioStep(Map.of("XRPUSDT", d(p)), Map.of())).toList(), Map.of(), Map.of());
    }

    @Test
    void marks_on_the_grid_are_not_named_and_one_between_ticks_is_named_with_the_tick_it_goes_to() {
        assertThat(TickGrid.rounded(marks("2.8", "2.6600", "2.51"), BOOK)).isEmpty();
        List<TickGrid.Rounded> r = TickGrid.rounded(marks("2.8", "2.66006", "2.50005", "2.50015"), BOOK);
        assertThat(r).extracting(TickGrid.Rounded::line)
                .containsExactly("step 1 XRPUSDT 2.66006 -> 2.6601", "step 2 XRPUSDT 2.50005 -> 2.5",
                        "step 3 XRPUSDT 2.50015 -> 2.5002");
    }

    @Test
    void the_run_notice_counts_every_rounded_mark_and_names_the_first_three() {
        List<TickGrid.Rounded> r = TickGrid.rounded(marks("2.80001", "2.70001", "2.60001", "2.50001", "2.40001"), BOOK);
        assertThat(TickGrid.notice("my-shock", r))
                .isEqualTo("5 marks of scenario my-shock not on the tick grid were rounded to the"
                + " nearest tick: step 0 XRPUSDT 2.80001 -> 2.8, step 1 XRPUSDT 2.70001 -> 2.7, step 2 XRPUSDT "
                + "2.60001 -> 2.6, and 2 more");
    }

    @Test
    void the_engine_uses_the_mark_the_notice_names() {
        var run = Fixtures.run(Fixtures.policy("bitmex"), BOOK, marks("2.80004", "2.66006"));
        assertThat(run.steps().get(1).marks()).containsEntry("XRPUSDT", d("2.6601"));
    }
}

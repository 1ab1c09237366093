package org.deleveraging.cases;

import java.util.ArrayList;
import java.util.List;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.engine.RunResult;

/**
 * The ADL queue of one market side as the engine first ranked it (in the given step, or the first step that
 * needed it): the accounts in order, and optionally BitMEX's lights or percentiles beside them.
 */
record QueueExpectation(String market, String side, Integer step, List<String> order, List<Integer> lights,
                        List<Integer> percentiles) implements Expectation {

    @Override
    public List<Check> check(RunResult result, Tolerance tolerance) {
        List<QueueEntry> first = firstSnapshot(result.queues());
        String subject = "queue " + market + " " + side + (step == null ? "" : " in step " + step);
        List<Check> out = new ArrayList<>();
        out.add(Check.of(subject, order.isEmpty() ? "no queue was formed" : String.join(", ", order),
                first.isEmpty() ? "no queue was formed"
                : String.join(", ", first.stream().map(QueueEntry::accountId).toList())));
        if (lights != null)
            out.add(Check.of(subject + " lights", join(lights), join(first.stream().map(QueueEntry::lights).toList())));
        if (percentiles != null)
            out.add(Check.of(subject + " percentiles", join(percentiles),
                    join(first.stream().map(QueueEntry::percentile).toList())));
        return out;
    }

    private static String join(List<Integer> xs) {
        return xs.isEmpty() ? "none" : String.join(", ", xs.stream().map(String::valueOf).toList());
    }

    private List<QueueEntry> firstSnapshot(List<QueueEntry> all) {
        List<QueueEntry> out = new ArrayList<>();
        Integer atStep = null;
        Integer atRound = null;
        for (QueueEntry q : all) {
            if (!q.market().equals(market) || !q.side().equalsIgnoreCase(side)) continue;
            if (step != null && q.step() != step) continue;
            if (atStep == null) {
                atStep = q.step();
                atRound = q.round();
            }
            if (q.step() == atStep && q.round() == atRound) out.add(q);
        }
        return out;
    }
}

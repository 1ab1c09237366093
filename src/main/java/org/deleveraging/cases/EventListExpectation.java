package org.deleveraging.cases;

import java.util.ArrayList;
import java.util.List;

import org.deleveraging.engine.RunResult;

/**
 * An ordered list of events, such as the ADL fills: the run must produce exactly these, in this order, agreeing on
 * the fields the case names. An empty list means none at all.
 */
record EventListExpectation(EventList list, List<Row> expected) implements Expectation {

    @Override
    public List<Check> check(RunResult result, Tolerance tolerance) {
        List<Row> actual = result.events().stream().filter(list::includes).map(list::row).toList();
        List<Check> out = new ArrayList<>();
        if (expected.isEmpty() && actual.isEmpty()) out.add(new Check(list.key, "none", "none", true));
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String subject = list.key + " " + (i + 1);
            if (i >= expected.size()) {
                out.add(new Check(subject, "none", list.shown(actual.get(i)).render(), false));
            } else if (i >= actual.size()) {
                out.add(new Check(subject, expected.get(i).render(), "none", false));
            } else {
                Row e = expected.get(i);
                Row a = actual.get(i).only(e.keys());
                out.add(new Check(subject, e.render(), a.render(), e.matches(actual.get(i), tolerance)));
            }
        }
        return out;
    }
}

package org.deleveraging.cases;

import java.util.List;

import org.deleveraging.engine.RunResult;

/** One section of a case's {@code then:}: compares a run with what the case expects, as lines of a verdict. */
interface Expectation {
    List<Check> check(RunResult result, Tolerance tolerance);
}

package org.deleveraging.sweep;

import java.math.BigDecimal;
import java.util.List;

/**
 * A sweep as its YAML wrote it ({@link SweepReader}): every list keeps the line of each item, so that what the
 * workbench finds wrong later (a policy that does not exist, a parameter a policy does not declare, a severity a
 * scenario cannot take) still names {@code file:line: field}.
 *
 * @param vary what every policy varies, in the order written; each policy may add its own
 * @param severities each scenario's severity (1 = as written); see {@code scenario/ScenarioVariant}
 * @param fundScales each scenario's opening insurance funds multiplied by these
 * @param seeds the runs' seeds; empty: each scenario's own
 */
public record SweepDefinition(String source, String name, String description, List<PolicyAxis> policies,
                              List<Axis> vary, List<Item> accountSets, List<Item> scenarios, List<Number> severities,
                              List<Number> fundScales, List<Item> seeds) {

    /** One item as written, with where. */
    public record Item(String text, int line, String field) {}

    /** A number as written, with where. */
    public record Number(BigDecimal value, int line, String field) {}

    /** One varied key and its values, in order. */
    public record Axis(String key, List<Item> values, int line, String field) {}

    /** A policy and what it varies beyond the sweep's {@code vary}. */
    public record PolicyAxis(Item policy, List<Axis> vary) {}
}

/**
 * Stress scenarios as YAML: {@link org.deleveraging.scenario.ScenarioReader} reads one (marks per step as prices or
 * moves from the start, depth multipliers, funds, seed) with file:line:field errors, and
 * {@link org.deleveraging.scenario.ScenarioCatalog} lists and loads the ones shipped on the classpath. No store and no
 * engine here: a scenario is input.
 */
package org.deleveraging.scenario;

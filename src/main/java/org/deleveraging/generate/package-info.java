/**
 * Synthetic account sets: the seeded {@link org.deleveraging.generate.AccountSetGenerator} with the knobs a risk team
 * varies ({@link org.deleveraging.generate.GeneratorSettings}), and the demo book the workbench opens with
 * ({@link org.deleveraging.generate.DemoData}).
 *
 * <p>Only domain types: no engine, Spring, store or shell. The same settings always give the same accounts.
 */
package org.deleveraging.generate;

/**
 * The engine: one run of a policy over an account set under a scenario, as a pipeline of stages per scenario step
 * (margin screen, {@link org.deleveraging.engine.LiquidationStage}, {@link org.deleveraging.engine.WaterfallStage},
 * {@link org.deleveraging.engine.AdlStage}, {@link org.deleveraging.engine.HaircutStage}). The engine owns the
 * accounting: every movement of money is a transfer on the {@link org.deleveraging.engine.Ledger}, which proves
 * conservation at the end of every run. It asks the policy's rules what to do through
 * {@link org.deleveraging.engine.Decisions}, with the facts of {@link org.deleveraging.facts}, and checks every answer
 * before acting on it. It depends on {@code domain} and {@code facts} only.
 */
package org.deleveraging.engine;

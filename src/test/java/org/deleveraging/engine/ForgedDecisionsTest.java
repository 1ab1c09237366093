package org.deleveraging.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.deleveraging.engine.PlainPolicy.plain;
import static org.deleveraging.support.Facts.candidate;
import static org.deleveraging.support.Facts.poolRisk;
import static org.deleveraging.support.Facts.shortfall;
import static org.deleveraging.support.Fixtures.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.AccountSet;
import org.deleveraging.domain.Scenario;
import org.deleveraging.domain.ScenarioStep;
import org.deleveraging.domain.Side;
import org.deleveraging.engine.PolicySettings.OrderLimit;
import org.deleveraging.engine.RunEvent.Kind;
import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlClosePrice;
import org.deleveraging.facts.AdlPricing;
import org.deleveraging.facts.AdlScore;
import org.deleveraging.facts.BackstopState;
import org.deleveraging.facts.FundState;
import org.deleveraging.facts.LayerChoice;
import org.deleveraging.facts.LayerChoice.Layer;
import org.deleveraging.facts.LiquidationDecision;
import org.deleveraging.facts.PoolRisk;
import org.deleveraging.facts.Shortfall;
import org.junit.jupiter.api.Test;

/**
 * A policy is untrusted: the engine acts only on decisions about what it put to the rules in that very question. A
 * forged decision aborts the run with a {@link PolicyViolation} naming the rule and what it did; nothing is executed.
 *
 * <p>The book: L's BTCUSDT long goes bankrupt at 98 and only ADL may cover it, so the engine ranks the BTCUSDT short
 * queue (S1, S2). E's ETHUSDT short, LONG2's BTCUSDT long (L's own side) and W's empty wallet are never candidates.
 * Positions and pools are numbered in account-id order: E 0, L 1, LONG2 2, S1 3, S2 4, and W's pool is 5.
 */
class ForgedDecisionsTest {
    private static final int E_ETH_SHORT = 0, LONG2_BTC_LONG = 2, S1_BTC_SHORT = 3;
    private static final int S1_POOL = 3, W_POOL = 5;

    private static AccountSet book() {
        return set(List.of(linear("BTCUSDT", "0.01", "1", "1000000000"), linear("ETHUSDT", "0.01", "1", "1000000000")),
                List.of(cross("E", "1000", pos("ETHUSDT", Side.SHORT, "10", "50")),
                        cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                        cross("LONG2", "1000", pos("BTCUSDT", Side.LONG, "10", "90")),
                        cross("S1", "1000", pos("BTCUSDT", Side.SHORT, "6", "100")),
                        cross("S2", "100", pos("BTCUSDT", Side.SHORT, "6", "100")),
                        cross("W", "500")));
    }

    private static Scenario crash() {
        return scenario(List.of(new ScenarioStep(Map.of("BTCUSDT", d("98"), "ETHUSDT", d("50")), Map.of())), Map.of(),
                Map.of());
    }

    private static final PlainPolicy ADL_ONLY = plain().margin("0").orderLimit(OrderLimit.BANKRUPTCY).layers(Layer.ADL);

    private static RunResult run(Decisions decisions) {
        return new Engine().run(ADL_ONLY.settings(), decisions, book(), crash(), 7, RunListener.NONE);
    }

    // ---- ADL scores: a forged candidate is one a rule built itself, as `new AdlCandidate(ref, ...)` in its
    // consequence would

    @Test
    void a_score_for_another_market_s_position_aborts_the_run() {
        AdlCandidate forged = candidate().ref(E_ETH_SHORT).account("E").market("ETHUSDT").side("SHORT").build();
        Decisions forger = new Honest() {
            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                return with(super.rank(candidates), new AdlScore(forged, 1e9, "RANK-X-010"));
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage(
                        "rule RANK-X-010 scored account E's ETHUSDT SHORT position, which was not among the candidates"
                        + " it was given (ranking BTCUSDT SHORT)");
    }

    @Test
    void a_score_for_a_position_on_the_bankrupt_s_own_side_aborts_the_run() {
        // a candidate that claims to be a short: the engine names the position the score would have closed
        AdlCandidate forged = candidate().ref(LONG2_BTC_LONG).account("LONG2").market("BTCUSDT").side("SHORT").build();
        Decisions forger = new Honest() {
            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                return with(super.rank(candidates), new AdlScore(forged, 1e9, "RANK-X-010"));
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 scored account LONG2's BTCUSDT LONG position, which was not among the"
                        + " candidates it was given (ranking BTCUSDT SHORT)");
    }

    @Test
    void a_score_for_a_position_that_does_not_exist_aborts_the_run() {
        AdlCandidate forged = candidate().ref(99).account("GHOST").market("BTCUSDT").side("SHORT").build();
        Decisions forger = new Honest() {
            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                return with(super.rank(candidates), new AdlScore(forged, 1e9, "RANK-X-010"));
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 scored a position of account GHOST that does not exist (ref 99); a score"
                        + " must be built from a candidate it was given (ranking BTCUSDT SHORT)");
    }

    @Test
    void a_score_built_on_a_look_alike_of_a_candidate_aborts_the_run() {
        // S1 was a candidate, but this object is not the one the engine handed over: its figures could say anything
        AdlCandidate forged = candidate().ref(S1_BTC_SHORT).account("S1").market("BTCUSDT").side("SHORT").build();
        Decisions forger = new Honest() {
            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                return with(super.rank(candidates), new AdlScore(forged, 1e9, "RANK-X-010"));
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 scored account S1's BTCUSDT SHORT position through a candidate it was not"
                        + " given (one it built or kept from another ranking); a score must be built from the "
                        + "candidate it was given (ranking BTCUSDT SHORT)");
    }

    @Test
    void a_score_built_on_a_candidate_kept_from_an_earlier_ranking_aborts_the_run() {
        // L goes bankrupt at 98, L2 at 95: the short queue is ranked in each step. S1's candidate of the first ranking
        // carries its true ref, account, market and side, and its figures of a step ago
        AccountSet set = set(linear("BTCUSDT", "0.01", "1", "1000000000"),
                cross("L", "10", pos("BTCUSDT", Side.LONG, "10", "100")),
                cross("L2", "10", pos("BTCUSDT", Side.LONG, "10", "97")),
                cross("S1", "1000", pos("BTCUSDT", Side.SHORT, "6", "100")),
                cross("S2", "100", pos("BTCUSDT", Side.SHORT, "6", "100")));
        Decisions keeper = new Honest() {
            private List<AdlCandidate> kept;

            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                List<AdlScore> out = new ArrayList<>(super.rank(candidates));
                if (kept == null) kept = List.copyOf(candidates);
                else for (AdlCandidate c : kept) out.add(new AdlScore(c, 1e9, "RANK-X-010"));
                return out;
            }
        };

        assertThatThrownBy(() -> new Engine()
                .run(ADL_ONLY.settings(), keeper, set, marks("BTCUSDT", Map.of(), "98", "95"), 7,
                RunListener.NONE)).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 scored account S1's BTCUSDT SHORT position through a candidate it was not"
                        + " given (one it built or kept from another ranking); a score must be built from the "
                        + "candidate it was given (ranking BTCUSDT SHORT)");
    }

    @Test
    void a_score_that_is_not_a_number_aborts_the_run() {
        assertThatThrownBy(() -> run(scoring(Double.NaN))).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 gave account S1 the score NaN; a score must be a finite number");
    }

    @Test
    void an_infinite_score_aborts_the_run() {
        assertThatThrownBy(() -> run(scoring(Double.POSITIVE_INFINITY))).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 gave account S1 the score Infinity; a score must be a finite number");
        assertThatThrownBy(() -> run(scoring(Double.NEGATIVE_INFINITY))).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule RANK-X-010 gave account S1 the score -Infinity; a score must be a finite number");
    }

    /** Scores S1 with {@code score}, every other candidate as the honest rules do. */
    private static Decisions scoring(double score) {
        return new Honest() {
            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                List<AdlScore> out = new ArrayList<>();
                for (AdlCandidate c : candidates)
                    out.add(new AdlScore(c, c.getAccountId().equals("S1") ? score : 1, "RANK-X-010"));
                return out;
            }
        };
    }

    // ---- liquidation decisions and layer choices

    @Test
    void a_liquidation_decision_for_a_pool_not_at_risk_aborts_the_run() {
        // W holds no position: its pool is never shown to the liquidation rules
        Decisions forger = new Honest() {
            @Override public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
                List<LiquidationDecision> out = new ArrayList<>(super.liquidations(risks));
                out.add(LiquidationDecision.closeAll(poolRisk().pool(W_POOL).account("W").build(), "LIQ-X-010",
                        "forged"));
                return out;
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage(
                        "rule LIQ-X-010 decided CLOSE_ALL for account W's margin pool 5, which was not among the pools"
                        + " at risk it was given");
    }

    @Test
    void a_layer_choice_for_another_pool_aborts_the_run() {
        // the shortfall is L's; the rule sends S1's pool to ADL
        Decisions forger = new Honest() {
            @Override public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
                Shortfall other = shortfall().pool(S1_POOL).account("S1").step(shortfall.getStep()).build();
                return List.of(new LayerChoice(other, Layer.ADL, 10, "WF-X-010", "forged"));
            }
        };

        assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                .hasMessage("rule WF-X-010 chose ADL for account S1's margin pool 3, but the shortfall it was given is"
                        + " account L's margin pool 1");
    }

    @Test
    void a_limit_on_a_layer_other_than_the_fund_or_a_negative_one_aborts_the_run() {
        // a fund's limit caps what the fund pays (Bybit); on ADL, or below zero, it would mean nothing the engine keeps
        for (LayerChoice.Layer layer : List.of(Layer.ADL, Layer.INSURANCE_FUND)) {
            BigDecimal limit = layer == Layer.ADL ? BigDecimal.TEN : BigDecimal.ONE.negate();
            Decisions forger = new Honest() {
                @Override public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund,
                        BackstopState backstop) {
                    return List.of(new LayerChoice(shortfall, layer, 10, limit, "WF-X-010", "forged"));
                }
            };
            assertThatThrownBy(() -> run(forger)).isInstanceOf(PolicyViolation.class)
                    .hasMessage("rule WF-X-010 chose " + layer + " for account L's shortfall with a limit of "
                            + limit.toPlainString() + "; only an insurance fund takes a limit, and it is not negative");
        }
    }

    @Test
    void a_position_no_close_price_rule_priced_or_one_priced_at_zero_aborts_the_run() {
        Decisions silent = new Honest() {
            @Override public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) { return List.of(); }
        };
        assertThatThrownBy(() -> run(silent)).isInstanceOf(PolicyViolation.class)
                .hasMessageStartingWith("no ADL close-price rule priced account L's BTCUSDT LONG");
        Decisions free = new Honest() {
            @Override public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
                return List.of(new AdlClosePrice(positions.get(0), BigDecimal.ZERO, "ADLP-X-010", "forged"));
            }
        };
        assertThatThrownBy(() -> run(free)).isInstanceOf(PolicyViolation.class)
                .hasMessage(
                        "rule ADLP-X-010 priced account L's BTCUSDT LONG at 0; an ADL close price is positive and at "
                        + "most 1e12");
    }

    // ---- the near miss

    @Test
    void an_honest_stand_in_runs_through_even_at_the_edges_of_what_is_allowed() {
        // the largest finite score, a second rule scoring the same candidate, a candidate left unscored, a fraction of
        // 1
        Decisions honest = new Honest() {
            @Override public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
                List<LiquidationDecision> out = new ArrayList<>(super.liquidations(risks));
                for (PoolRisk r : risks)
                    if (r.getAccountId().equals("L")) out.add(
                            LiquidationDecision.reduce(r, BigDecimal.ONE, "LIQ-X-020", "all of it"));
                return out;
            }

            @Override public List<AdlScore> rank(List<AdlCandidate> candidates) {
                List<AdlScore> out = new ArrayList<>(super.rank(candidates));
                for (AdlCandidate c : candidates)
                    if (c.getAccountId()
                            .equals("S1")) out.add(new AdlScore(c, Double.MAX_VALUE, "RANK-X-010", "first"));
                return out;
            }
        };

        RunResult r = run(honest);

        // two rules scored S1: the first rule id decides, and RANK-X-010 sorts before the plain policy's T-RANK
        assertThat(r.events()).filteredOn(e -> e.kind() == Kind.ADL)
                .extracting(RunEvent::accountId, RunEvent::counterpartyId, RunEvent::size, RunEvent::price)
                .containsExactly(tuple("S1", "L", d("6"), d("99")), tuple("S2", "L", d("4"), d("99")));
        assertThat(r.totalBadDebt()).isEqualByComparingTo("0");
    }

    // ---- helpers

    /** The plain policy's decisions, as a base for a stand-in that forges one answer. */
    private static class Honest implements Decisions {
        private final Decisions plain = ADL_ONLY.decisions();

        @Override public List<LiquidationDecision> liquidations(List<PoolRisk> risks) {
            return plain.liquidations(risks);
        }

        @Override public List<LayerChoice> waterfall(Shortfall shortfall, FundState fund, BackstopState backstop) {
            return plain.waterfall(shortfall, fund, backstop);
        }

        @Override public List<AdlScore> rank(List<AdlCandidate> candidates) { return plain.rank(candidates); }

        @Override public List<AdlClosePrice> adlClosePrices(List<AdlPricing> positions) {
            return plain.adlClosePrices(positions);
        }
    }

    private static List<AdlScore> with(List<AdlScore> scores, AdlScore forged) {
        List<AdlScore> out = new ArrayList<>(scores);
        out.add(forged);
        return out;
    }
}

package org.deleveraging.engine;

import java.math.BigDecimal;

/**
 * One place in an ADL queue as it stood when the engine first ranked that market side in a step (later rounds of
 * the step re-rank it, but the result keeps the first ranking). {@code percentile} is BitMEX's
 * indicator: the share of the queue's contracts at or ahead of this position, rounded up to 20 % steps; five lights
 * are lit in the top 20 %.
 */
public record QueueEntry(int step, int round, String market, String side, int rank, String accountId,
                         BigDecimal size, double score, int percentile, String ruleId) {

    public int lights() { return 6 - percentile / 20; }
}

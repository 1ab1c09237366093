package org.deleveraging.report;

import java.util.List;
import java.util.Set;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.run.QueuePoint;

/**
 * An ADL queue of a run on one market, as ranked at the start of a step: each position's place and indicator (five
 * lights by quintile of contracts, as BitMEX and Binance show it), and which accounts ADL then closed.
 *
 * @param entries the first {@code entries.size()} places of a queue of {@code point.length()} positions
 * @param deleveraged the accounts whose positions ADL closed on this market, at this step, on this side
 */
public record QueueSnapshot(QueuePoint point, List<QueueEntry> entries, Set<String> deleveraged) {}

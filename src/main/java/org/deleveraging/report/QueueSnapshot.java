package org.deleveraging.report;

import java.util.List;
import java.util.Set;

import org.deleveraging.engine.QueueEntry;
import org.deleveraging.store.QueuePoint;

/**
 * An ADL queue as a run first ranked it on a market: the head of the queue with each position's indicator (five
 * lights by quintile of contracts, as BitMEX and Binance show it), and which of those accounts the run went on to
 * deleverage.
 *
 * @param entries the first {@code entries.size()} places of a queue of {@code point.length()} positions
 */
public record QueueSnapshot(QueuePoint point, List<QueueEntry> entries, Set<String> deleveraged) {}

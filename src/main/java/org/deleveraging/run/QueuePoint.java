package org.deleveraging.run;

/** One moment at which a run ranked an ADL queue: market, step, round and side, with the queue's length. */
public record QueuePoint(String market, int step, int round, String side, int length) {}

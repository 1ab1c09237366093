package org.deleveraging.facts;

/** Decision of an ADL ranking rule: a candidate's score. Higher scores are deleveraged first. */
public final class AdlScore {
    /** The candidate scored: the engine acts on a score only if this is the very object it handed to the rules. */
    private final AdlCandidate candidate;
    private final int ref;
    private final String accountId;
    private final double score;
    private final String ruleId;
    private final String reason;

    /**
     * A score whose rule id says how it was computed. Ranking rules run once per candidate, hundreds of thousands of
     * times in a large book: a reason text built for each (numbers formatted as strings) would cost more than the
     * ranking itself, and the queue records the rule id and the score.
     */
    public AdlScore(AdlCandidate candidate, double score, String ruleId) { this(candidate, score, ruleId, ruleId); }

    public AdlScore(AdlCandidate candidate, double score, String ruleId, String reason) {
        this.candidate = candidate;
        this.ref = candidate.getRef();
        this.accountId = candidate.getAccountId();
        this.score = score;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public AdlCandidate getCandidate() { return candidate; }
    public int getRef() { return ref; }
    public String getAccountId() { return accountId; }
    public double getScore() { return score; }
    public String getRuleId() { return ruleId; }
    public String getReason() { return reason; }

    @Override public String toString() { return ruleId + " " + accountId + " score=" + score; }
}

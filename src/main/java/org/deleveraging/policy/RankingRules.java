package org.deleveraging.policy;

import org.deleveraging.facts.AdlCandidate;
import org.deleveraging.facts.AdlScore;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Whether a policy's ranking rules judge each ADL candidate on its own. Then a ranking may be evaluated in batches of
 * candidates, each in its own session, with the same scores as one session over all of them: at 1M positions a
 * step ranks hundreds of thousands of candidates, and one session holding them all (with their activations and
 * scores) is hundreds of MB the garbage collector must carry. A rule that compares candidates, reads scores, or
 * matches anything a candidate or score is, makes the ranking one session, as before.
 */
final class RankingRules {
    private RankingRules() {}

    /**
     * True when every rule that could match an {@link AdlCandidate} or an {@link AdlScore} has exactly one condition,
     * a plain pattern on {@code AdlCandidate}.
     */
    static boolean judgeEachCandidateAlone(KieBase base) {
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                if (!(r instanceof RuleImpl rule)) return false;  // not a compiled rule we can read: assume the worst
                if (!mentionsRankingFacts(rule.getLhs())) continue;
                if (rule.isQuery() || !oneCandidatePattern(rule.getLhs())) return false;
            }
        }
        return true;
    }

    private static boolean oneCandidatePattern(GroupElement lhs) {
        return lhs.isAnd() && lhs.getChildren().size() == 1 && lhs.getChildren().get(0) instanceof Pattern p
                && p.getSource() == null && p.getObjectType() instanceof ClassObjectType type
                && type.getClassType() == AdlCandidate.class;
    }

    private static boolean mentionsRankingFacts(RuleConditionElement element) {
        if (element instanceof Pattern p) {
            // unknown kind of fact: assume it may
            if (!(p.getObjectType() instanceof ClassObjectType type)) return true;
            Class<?> c = type.getClassType();
            if (c.isAssignableFrom(AdlCandidate.class) || c.isAssignableFrom(AdlScore.class)) return true;
        }
        for (RuleConditionElement nested : element.getNestedElements())
            if (nested != element && mentionsRankingFacts(nested)) return true;
        return false;
    }
}

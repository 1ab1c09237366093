package org.deleveraging.run;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How lists, comparisons and reports name the policy of each run they show: the policy id and the first 8 hex digits
 * of its hash ({@code bitmex@c247e052}), so that a champion and a challenger made by editing one policy's rules never
 * look alike; the policy's declared {@code version:} is added ({@code bitmex v2@c247e052}) when runs of the same id
 * shown together declare different versions.
 */
public final class RunLabels {
    private RunLabels() {}

    /** The policy label of each run, by run id, in the order given. */
    public static Map<Long, String> policies(Collection<StoredRun> runs) {
        Set<String> versioned = runs.stream()
                .collect(Collectors.groupingBy(r -> r.provenance().policyId(),
                        Collectors.mapping(r -> r.provenance().policyVersion(), Collectors.toSet())))
                .entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Map<Long, String> out = new LinkedHashMap<>();
        for (StoredRun r : runs) out.put(r.id(),
                r.provenance().policyLabel(versioned.contains(r.provenance().policyId())));
        return out;
    }
}

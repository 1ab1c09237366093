package org.deleveraging.cases;

import java.util.List;

/**
 * A baseline written as approved, with what the approval changed against the baseline approved before (empty when
 * there was none). Shown to the person approving, so that they see what they sign off.
 */
public record Approval(String file, boolean first, List<Check> changes) {
    public Approval {
        changes = List.copyOf(changes);
    }

    public long moved() { return changes.stream().filter(c -> !c.ok()).count(); }

    public String report() {
        if (first) return "APPROVED " + file + " (the policy's first baseline; review the file before committing it)";
        if (moved() == 0) return "APPROVED " + file + ": no figure moved from the previous approval";
        return "APPROVED " + file + ": " + moved() + " figures moved from the previous approval\n"
                + CheckTable.render(changes, "before", "now").stripTrailing();
    }
}

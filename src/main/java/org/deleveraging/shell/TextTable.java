package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row, a rule, then rows; numbers right-aligned. Plain text so that output diffs and
 * pastes well.
 */
final class TextTable {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Column names; a name starting with '>' is right-aligned (the '>' is not shown). */
    TextTable(String... columns) {
        header = new ArrayList<>();
        right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            right[i] = columns[i].startsWith(">");
            header.add(right[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c == null ? "" : c.toString());
        while (r.size() < header.size()) r.add("");
        rows.add(r);
        return this;
    }

    boolean isEmpty() { return rows.isEmpty(); }

    @Override
    public String toString() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i],
                r.get(i).length());
        StringBuilder b = new StringBuilder();
        line(b, header, width);
        for (int i = 0; i < width.length; i++) b.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        b.append('\n');
        for (List<String> r : rows) line(b, r, width);
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) l.append("  ");
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(right[i] ? pad + c : c + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}

package org.deleveraging.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.input.InputException;

/**
 * A file of shell commands, as {@code script --file} reads it: one command a line; blank lines and comment lines (first
 * non-blank characters {@code #} or {@code //}) are skipped; a line ending in a backslash continues on the next one.
 * Each command keeps the number of the line it starts on, so that a failure names {@code file:line}.
 */
final class ScriptFile {
    private ScriptFile() {}

    /** One command and the line it starts on (1-based). */
    record Command(int line, String text) {}

    static List<Command> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException("--file: no file '" + file + "'");
        } catch (IOException e) {
            throw new InputException("--file: cannot read '" + file + "': " + e.getMessage());
        }
        return parse(lines);
    }

    static List<Command> parse(List<String> lines) {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (line.isBlank() || isComment(line)) continue;
            int start = i + 1;
            StringBuilder text = new StringBuilder();
            while (line.endsWith("\\") && i + 1 < lines.size()) {
                text.append(line, 0, line.length() - 1);
                line = strip(lines.get(++i));
            }
            text.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
            out.add(new Command(start, text.toString().strip()));
        }
        return out;
    }

    static boolean isComment(String line) {
        String s = line.stripLeading();
        return s.startsWith("#") || s.startsWith("//");
    }

    /** Trailing blanks and a byte-order mark at the very start of the file are not part of a command. */
    private static String strip(String line) {
        return (line.startsWith("\uFEFF") ? line.substring(1) : line).stripTrailing();
    }
}

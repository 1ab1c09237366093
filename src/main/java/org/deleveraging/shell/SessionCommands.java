package org.deleveraging.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code version} and {@code history}, in place of Spring Shell's ({@code spring.shell.command.version.enabled=false},
 * {@code spring.shell.command.history.enabled=false}): its {@code version} printed a blank line (it reads a
 * {@code build-info.properties} the build does not make) and its {@code history} a Java list.
 */
@Command(group = "Built-In Commands")
public class SessionCommands {
    private final String engineVersion;
    private final ObjectProvider<LineReader> lineReader;

    public SessionCommands(@Value("${workbench.engine-version:}") String engineVersion,
                           ObjectProvider<LineReader> lineReader) {
        this.engineVersion = engineVersion;
        this.lineReader = lineReader;
    }

    @Command(command = "version",
            description = "Show the workbench's version (as recorded with every run) and the Java it runs on.")
    public String version() {
        return version(engineVersion, SessionCommands.class.getPackage().getImplementationVersion());
    }

    /** "adl-workbench 0.1.0" and a line for Java; the build's version, else the jar manifest's, else "dev". */
    static String version(String built, String manifest) {
        String v = built != null && !built.isBlank() && !built.equals("dev") ? built : manifest != null ? manifest
                : "dev";
        return "adl-workbench " + v + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor")
                + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n";
    }

    @Command(command = "history",
            description = "List the commands typed at the prompt, numbered, the newest last (kept between"
            + " sessions in adl-workbench.log in the working folder).")
    public String history(
            @Option(longNames = "last", defaultValue = "0", description = "only the last N commands (0: all)") int last,
                          @Option(longNames = "file",
                                  description = "also write them to this file, one a line") String file) {
        LineReader reader = lineReader.getIfAvailable();
        if (reader == null) return "no history\n";
        History h = reader.getHistory();
        // one command and exit never reads the history file: read it now
        h.attach(reader);
        List<String> lines = new ArrayList<>();
        for (History.Entry e : h) lines.add(e.line());
        if (file != null) {
            try {
                Files.write(Path.of(file), lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return numbered(lines, last);
    }

    /**
     * "    1  run --policy ..." a line, numbered from 1; with {@code last > 0}, the last lines only (keeping their
     * numbers).
     */
    static String numbered(List<String> lines, int last) {
        if (lines.isEmpty()) return "no commands yet\n";
        int from = last > 0 ? Math.max(0, lines.size() - last) : 0;
        int width = String.valueOf(lines.size()).length();
        StringBuilder b = new StringBuilder();
        for (int i = from; i < lines.size(); i++)
            b.append(String.format(Locale.ROOT, "%" + Math.max(width, 4) + "d  %s\n", i + 1, lines.get(i)));
        return b.toString();
    }
}

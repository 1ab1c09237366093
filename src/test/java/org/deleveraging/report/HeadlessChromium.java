package org.deleveraging.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, started headless on a local file with the flags this machine needs (no sandbox as root, no GPU,
 * no background networking: the network is closed and Chromium would otherwise keep trying), each time with a new
 * empty profile. It returns the DOM after the page's scripts ran.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    static boolean installed() { return Files.isExecutable(BINARY); }

    /** The page's DOM after load, as Chromium serialises it. */
    static String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        Path out = workDir.resolve("dom.html");
        Path err = workDir.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(),
                // lets the page's script finish (charts are drawn synchronously) before the DOM is taken
                "--virtual-time-budget=5000", "--window-size=1280,2000", "--dump-dom", page.toUri().toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // a guard against a hung browser, not a timing assertion
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish; its log: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || dom.isBlank())
            throw new AssertionError("chromium exited with " + p.exitValue() + "; its log: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        return dom;
    }
}

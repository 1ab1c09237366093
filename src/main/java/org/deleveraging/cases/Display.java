package org.deleveraging.cases;

import java.nio.file.Path;

/** File names as a user would type them: relative to the working folder when inside it. */
final class Display {
    private Display() {}

    static String of(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }
}

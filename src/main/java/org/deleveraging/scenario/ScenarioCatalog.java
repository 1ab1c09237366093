package org.deleveraging.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deleveraging.domain.Scenario;
import org.deleveraging.input.InputException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The named scenarios that ship with the workbench ({@code src/main/resources/scenarios/<name>.yaml}), read from the
 * classpath so that they work the same from the IDE, the tests and the packaged jar. The file name is the scenario's
 * name.
 */
public final class ScenarioCatalog {
    private static final String FOLDER = "scenarios/";

    private ScenarioCatalog() {}

    /** The shipped scenario names, sorted. */
    public static List<String> names() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(ScenarioCatalog.class.getClassLoader())
                    .getResources("classpath*:" + FOLDER + "*.yaml");
            List<String> out = new ArrayList<>();
            for (Resource r : found) {
                String file = r.getFilename();
                if (file != null) out.add(file.substring(0, file.length() - ".yaml".length()));
            }
            return out.stream().distinct().sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the shipped scenarios", e);
        }
    }

    public static boolean contains(String name) { return names().contains(name); }

    /** The YAML text of a shipped scenario: what a run stores as its scenario. */
    public static String text(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !contains(name))
            throw new InputException("scenario", 0, "name",
                    "no shipped scenario '" + name + "'; known: " + String.join(", ", names()));
        try (InputStream in = ScenarioCatalog.class.getClassLoader().getResourceAsStream(FOLDER + name + ".yaml")) {
            if (in == null) throw new IllegalStateException("scenario " + name + " listed but not readable");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read shipped scenario " + name, e);
        }
    }

    /** Reads a shipped scenario; errors name it as {@code scenarios/<name>.yaml}. */
    public static Scenario load(String name) {
        Scenario s = ScenarioReader.parse(text(name), FOLDER + name + ".yaml");
        if (!s.name().equals(name))
            throw new InputException(FOLDER + name + ".yaml", 1, "name", "must match the file name '" + name + "'");
        return s;
    }
}

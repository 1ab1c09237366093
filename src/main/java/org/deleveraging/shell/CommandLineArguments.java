package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.boot.NonInteractiveShellRunnerCustomizer;

/**
 * Lets settings and a command share one command line: {@code java -jar app.jar --spring.datasource.url=... run ...}.
 * Spring Boot reads the {@code --spring.*}, {@code --workbench.*} and {@code --logging.*} arguments as settings; they
 * are kept out of the command the shell runs. With nothing left, the interactive shell opens. {@code --help} or
 * {@code -h} alone is {@code help} (the command list), {@code --version} is {@code version}, as for any CLI; a
 * command's own help is {@code <command> --help} (Spring Shell's help option).
 */
@Configuration(proxyBeanMethods = false)
public class CommandLineArguments {
    private static final List<String> SETTINGS = List.of("--spring.", "--workbench.", "--logging.");

    @Bean
    NonInteractiveShellRunnerCustomizer settingsAreNotCommands() {
        return runner -> runner.setCommandsFromArgs(CommandLineArguments::command);
    }

    /** The command that {@code args} hold besides the settings, as one line; empty: none, the session opens. */
    public static List<String> command(String[] args) {
        List<String> words = new ArrayList<>();
        for (String a : args) {
            if (SETTINGS.stream().anyMatch(a::startsWith)) continue;
            // as Spring Shell does: a word with spaces was one argument, so it is quoted again
            words.add(a.chars().anyMatch(Character::isWhitespace) && !(a.startsWith("\"") || a.startsWith("'"))
                    ? "\"" + a + "\"" : a);
        }
        if (words.size() == 1 && (words.get(0).equals("--help") || words.get(0).equals("-h"))) return List.of("help");
        if (words.size() == 1 && words.get(0).equals("--version")) return List.of("version");
        return words.isEmpty() ? List.of() : List.of(String.join(" ", words));
    }

    /**
     * The policy that a one-off {@code run} will use, known before the shell parses it, so that it can load while
     * the rest starts: its {@code --policy}, else {@code defaultPolicy}; empty for any other command.
     */
    public static Optional<String> policyOfRun(String[] args, String defaultPolicy) {
        List<String> words = new ArrayList<>();
        for (String a : args) if (SETTINGS.stream().noneMatch(a::startsWith)) words.add(a);
        if (words.isEmpty() || !words.get(0).equals("run")) return Optional.empty();
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).equals("--policy")) return i + 1 < words.size() ? Optional.of(words.get(i + 1))
                    : Optional.empty();
        }
        return Optional.ofNullable(defaultPolicy);
    }
}

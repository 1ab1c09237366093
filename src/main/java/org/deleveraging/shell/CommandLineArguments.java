package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.List;

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
class CommandLineArguments {
    private static final List<String> SETTINGS = List.of("--spring.", "--workbench.", "--logging.");

    @Bean
    NonInteractiveShellRunnerCustomizer settingsAreNotCommands() {
        return runner -> runner.setCommandsFromArgs(CommandLineArguments::command);
    }

    static List<String> command(String[] args) {
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
}

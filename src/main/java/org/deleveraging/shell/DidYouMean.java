package org.deleveraging.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.result.CommandNotFoundMessageProvider;

/**
 * "Did you mean": an unknown command is answered with the known commands closest to what was typed (edit distance,
 * transpositions counting one, as git and most CLIs do): {@code rnu} suggests {@code run}, {@code acounts lst}
 * {@code accounts list}, and {@code accounts} alone its sub-commands.
 */
@Configuration(proxyBeanMethods = false)
class DidYouMean {
    /** At most this many suggestions. */
    static final int MAX = 3;

    @Bean
    CommandNotFoundMessageProvider commandNotFoundMessage() {
        return ctx -> {
            Map<String, CommandRegistration> commands = ctx.registrations();
            List<String> visible = commands.entrySet().stream().filter(e -> !e.getValue().isHidden())
                    .map(Map.Entry::getKey).toList();
            String message = message(ctx.commands(), visible);
            // red on a terminal, as Spring Shell has it; plain elsewhere (PlainOutput)
            return new AttributedString(message, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi();
        };
    }

    /** "No command found for 'rnu'; did you mean 'run'?" (or a pointer to {@code help} when nothing is close). */
    static String message(List<String> words, Collection<String> commands) {
        String typed = typedCommand(words);
        List<String> close = suggest(words, commands);
        String found = "No command found for '" + typed + "'";
        if (close.isEmpty()) return found + "; 'help' lists the commands";
        return found + "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
    }

    /** The words before the first option: what was meant as the command. */
    private static String typedCommand(List<String> words) {
        List<String> w = new ArrayList<>();
        for (String x : words) {
            if (x.startsWith("-")) break;
            w.add(x);
        }
        return w.isEmpty() ? String.join(" ", words) : String.join(" ", w);
    }

    /** The known commands closest to the words typed, closest first; none if nothing is close. */
    static List<String> suggest(List<String> typed, Collection<String> commands) {
        List<String> words = List.of(typedCommand(typed).split(" "));
        record Scored(String command, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String c : commands) {
            int n = c.split(" ").length;
            if (words.size() < n) {
                // 'accounts' alone: its sub-commands
                if (!words.isEmpty() && c.startsWith(String.join(" ", words) + " ")) scored.add(new Scored(c, 0));
                continue;
            }
            int d = distance(String.join(" ", words.subList(0, n)).toLowerCase(Locale.ROOT), c);
            if (d <= Math.max(1, Math.min(3, c.length() / 3))) scored.add(new Scored(c, d));
        }
        if (scored.isEmpty()) return List.of();
        int best = scored.stream().mapToInt(Scored::distance).min().getAsInt();
        return scored.stream().filter(s -> s.distance() == best).map(Scored::command)
                .sorted(Comparator.naturalOrder()).limit(best == 0 ? Integer.MAX_VALUE : MAX).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}

package org.deleveraging.shell;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.jline.terminal.Terminal;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No colour or other escape codes where the output is not a terminal (a pipe, a file, a one-command run redirected):
 * when JLine opens a dumb terminal (stdout is not a tty), what the shell writes through it passes through a writer
 * that drops ANSI escape sequences. Spring Shell's help already renders plainly on a dumb terminal, but several of its
 * messages ("No command found", a missing option, a value it cannot convert) are coloured red whatever the terminal,
 * and so reached files and pipes as {@code ESC[31m...ESC[0m}. On a real terminal nothing changes.
 */
@Configuration(proxyBeanMethods = false)
class PlainOutput {

    @Bean
    static BeanPostProcessor plainTextOnDumbTerminals() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof Terminal t && notATerminal(t) ? plain(t) : bean;
            }
        };
    }

    /**
     * Whether the terminal's output is not a terminal: JLine's dumb terminal, which it opens when stdout is not a tty.
     */
    static boolean notATerminal(Terminal t) {
        String type = t.getType();
        return Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type) && System.console() == null;
    }

    /** The terminal, with a writer that drops escape sequences; everything else is the terminal's own. */
    static Terminal plain(Terminal terminal) {
        PrintWriter writer = new PrintWriter(new Stripping(terminal.writer()), true);
        return (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(), new Class<?>[] {Terminal.class},
                (proxy, m, args) -> {
            if (m.getName().equals("writer") && m.getParameterCount() == 0) return writer;
            if (m.getName().equals("flush") && m.getParameterCount() == 0) writer.flush();
            try {
                return m.invoke(terminal, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /**
     * Drops ANSI escape sequences as they pass: CSI ({@code ESC [ ... final}, colours and cursor moves), OSC
     * ({@code ESC ] ... BEL} or {@code ESC \}) and two-character escapes. A sequence split across writes is still
     * dropped whole.
     */
    static final class Stripping extends FilterWriter {
        private enum State { TEXT, ESCAPE, CSI, OSC, OSC_ESCAPE }

        private State state = State.TEXT;

        Stripping(Writer out) { super(out); }

        @Override
        public void write(int c) throws IOException {
            if (keep((char) c)) out.write(c);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            write(new String(cbuf, off, len), 0, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            StringBuilder text = new StringBuilder(len);
            for (int i = off; i < off + len; i++) if (keep(str.charAt(i))) text.append(str.charAt(i));
            if (!text.isEmpty()) out.write(text.toString());
        }

        /** Moves past one character; whether it is text to keep. */
        private boolean keep(char c) {
            switch (state) {
                case TEXT -> {
                    if (c != 0x1B) return true;
                    state = State.ESCAPE;
                }
                case ESCAPE -> state = c == '[' ? State.CSI : c == ']' ? State.OSC : State.TEXT;
                case CSI -> {
                    if (c >= 0x40 && c <= 0x7E) state = State.TEXT;
                }
                case OSC -> {
                    if (c == 0x07) state = State.TEXT;
                    else if (c == 0x1B) state = State.OSC_ESCAPE;
                }
                case OSC_ESCAPE -> state = c == '\\' ? State.TEXT : State.OSC;
            }
            return false;
        }
    }

    /** The text without its escape sequences. */
    static String strip(String text) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (Stripping s = new Stripping(w)) {
            s.write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }
}

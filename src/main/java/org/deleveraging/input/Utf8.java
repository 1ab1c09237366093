package org.deleveraging.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a file stops being UTF-8. A reader fails on a bad byte only when its buffer reaches it, thousands of lines
 * later than the line it reported last, and Java's exception names no position at all; this reads the file again
 * (only on that error path) and finds the line of the first bad byte. A newline byte never occurs inside a multi-byte
 * UTF-8 sequence, so counting newline bytes before it gives its line exactly.
 */
public final class Utf8 {
    private Utf8() {}

    /** The first byte that is not UTF-8: its 1-based line and its value (0-255); line 0 when the file is all UTF-8. */
    public record Malformed(int line, int value) {
        /** The problem, to follow {@code file:line: }. */
        public String problem() {
            return String.format("not UTF-8 text (byte 0x%02X); save the file as UTF-8", value);
        }
    }

    public static Malformed firstMalformed(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        int line = 1;
        boolean eof = false;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            while (true) {
                if (!eof && channel.read(in) < 0) eof = true;
                in.flip();
                int start = in.position();
                CoderResult r = decoder.decode(in, out, eof);
                for (int i = start; i < in.position(); i++) if (in.get(i) == '\n') line++;
                if (r.isError()) return new Malformed(line, in.get(in.position()) & 0xFF);
                out.clear();
                if (eof && !in.hasRemaining()) return new Malformed(0, 0);
                in.compact();
            }
        }
    }

    /** The InputException for a file that is not UTF-8, with the line of its first bad byte when it can be found. */
    public static InputException error(Path file, String display) {
        try {
            Malformed m = firstMalformed(file);
            if (m.line() > 0) return new InputException(display, m.line(), null, m.problem());
        } catch (IOException ignored) {
            // the file went away meanwhile: say what is known
        }
        return new InputException(display, 0, null, "not UTF-8 text; save the file as UTF-8");
    }
}
